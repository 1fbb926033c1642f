package io.aisle.serving.store;

import io.aisle.serving.store.kafka.KafkaStoreIngest;
import io.aisle.serving.store.kafka.StoreTopic;
import io.aisle.testing.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;

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
