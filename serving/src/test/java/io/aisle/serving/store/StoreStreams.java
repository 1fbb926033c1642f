package io.aisle.serving.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.engine.FusionSettings;
import io.aisle.serving.store.kafka.KafkaStoreIngest;
import io.aisle.serving.store.kafka.KafkaStoreWorker;
import io.aisle.serving.store.kafka.StoreTopic;
import io.aisle.testing.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;

/** Scripted store sessions as records of the store topic, and waiting for what workers make of them. */
final class StoreStreams {

    /** One record to publish: which store, which kind, what body. */
    record Input(StoreKey store, InputKind kind, String body) {
    }

    private StoreStreams() {
    }

    /** A store topic of its own for one test, created with {@code partitions}. */
    static String newTopic(KafkaBrokerExtension kafka, int partitions) {
        String topic = "store-inputs-" + UUID.randomUUID();
        StoreTopic.ensure(kafka.clientProperties(), topic, partitions);
        return topic;
    }

    /** Two stores' batches in turn, each batch's observations before its readings. */
    static List<Input> interleave(StoreKey first, List<StoreScript.Batch> firstBatches, StoreKey second,
            List<StoreScript.Batch> secondBatches) {
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < firstBatches.size(); i++) {
            add(inputs, first, firstBatches.get(i));
            add(inputs, second, secondBatches.get(i));
        }
        return inputs;
    }

    /** One store's batches, each batch's observations before its readings. */
    static List<Input> inputs(StoreKey store, List<StoreScript.Batch> batches) {
        List<Input> inputs = new ArrayList<>();
        batches.forEach(batch -> add(inputs, store, batch));
        return inputs;
    }

    /** A camera session of one store: each chunk's frames (when it has any) before its readings. */
    static List<Input> cameraInputs(StoreKey store, CameraSession session) {
        List<Input> inputs = new ArrayList<>();
        for (CameraSession.Chunk chunk : session.chunks()) {
            if (chunk.framesJson() != null) {
                inputs.add(new Input(store, InputKind.CAMERA_FRAMES, chunk.framesJson()));
            }
            inputs.add(new Input(store, InputKind.SHELF_READINGS, chunk.readingsJson()));
        }
        return inputs;
    }

    /** Publishes a review resolution or dispute of {@code receipt} as the edge would, accepted at {@code at}. */
    static void publishReview(KafkaStoreIngest ingest, StoreInputParser parser, RegisteredStore store, InputKind kind,
            long receipt, String body, Instant at) {
        byte[] record = parser.reviewRecord(kind, receipt, body.getBytes(StandardCharsets.UTF_8), store, at);
        ingest.submit(store, kind, record, parser.parse(kind, record, store, Optional.empty())).block(Duration.ofSeconds(10));
    }

    private static void add(List<Input> inputs, StoreKey store, StoreScript.Batch batch) {
        if (batch.observationsJson() != null) {
            inputs.add(new Input(store, InputKind.SHOPPER_OBSERVATIONS, batch.observationsJson()));
        }
        inputs.add(new Input(store, InputKind.SHELF_READINGS, batch.readingsJson()));
    }

    static void publish(KafkaStoreIngest ingest, StoreRegistry registry, StoreInputParser parser, List<Input> inputs) {
        for (Input input : inputs) {
            RegisteredStore store = registry.find(input.store()).orElseThrow();
            byte[] body = input.body().getBytes(StandardCharsets.UTF_8);
            ingest.submit(store, input.kind(), body, parser.parse(input.kind(), body, store, Optional.empty()))
                    .block(Duration.ofSeconds(10));
        }
    }

    /** The lines of a shopper's receipt, SKU to quantity. */
    static Map<String, Integer> lines(List<ReceiptView> receipts, String shopper) {
        ReceiptView receipt = receipts.stream().filter(r -> r.shopper().equals(shopper)).findFirst()
                .orElseThrow(() -> new AssertionError("no receipt for " + shopper + " in " + receipts));
        Map<String, Integer> lines = new TreeMap<>();
        receipt.lines().forEach(line -> lines.put(line.sku(), line.quantity()));
        return lines;
    }

    /**
     * A store worker of {@code group} (not started) that reads {@link TwoStoreSession#PARSER}'s records in small
     * polls, so that it checkpoints several times within a part of a session (every 25 records), and joins the
     * group without taking a partition away from its owner.
     */
    static KafkaStoreWorker worker(KafkaBrokerExtension kafka, String topic, String group, StoreRegistry registry,
            StoreFeeds feeds, CheckpointStore checkpoints, TenantRecognizers recognizers) {
        Properties client = kafka.clientProperties();
        client.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 7);
        client.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return new KafkaStoreWorker(client, topic, group, registry, feeds, checkpoints, FusionSettings.defaults(), recognizers,
                TwoStoreSession.PARSER, 25, Duration.ofHours(1));
    }

    /**
     * Kills the owner of a one-partition topic mid-stream: starts {@code owner}, then {@code survivor} in the same
     * group, publishes {@code before} and waits until the owner has applied it (checkpointing on the way) while the
     * survivor stays idle; then halts the owner like a crash and publishes {@code after}, which the survivor takes
     * over from the last checkpoint.
     */
    static void crashOwnerMidStream(KafkaBrokerExtension kafka, String group, KafkaStoreIngest ingest, StoreRegistry registry,
            KafkaStoreWorker owner, KafkaStoreWorker survivor, List<Input> before, List<Input> after) {
        owner.start();
        await(() -> owner.ownedPartitions().equals(Set.of(0)), "the first worker to own the partition");
        survivor.start();
        await(() -> members(kafka, group) == 2, "the second worker to join the group");
        publish(ingest, registry, TwoStoreSession.PARSER, before);
        await(() -> owner.appliedRecords() == before.size(), "the owner to apply the first part");
        assertTrue(owner.checkpointsTaken() > 0, "the owner checkpointed before it died");
        assertEquals(0, survivor.appliedRecords(), "the sticky assignment left the partition with its owner");
        owner.halt();
        publish(ingest, registry, TwoStoreSession.PARSER, after);
    }

    /** The members of a consumer group now; 0 while the broker cannot say. */
    static int members(KafkaBrokerExtension kafka, String group) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            return admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group).members().size();
        } catch (Exception e) {
            return 0;
        }
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
