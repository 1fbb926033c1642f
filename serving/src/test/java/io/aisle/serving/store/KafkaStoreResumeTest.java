package io.aisle.serving.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.engine.FusionSettings;
import io.aisle.serving.store.kafka.KafkaStoreIngest;
import io.aisle.serving.store.kafka.KafkaStoreWorker;
import io.aisle.serving.store.kafka.StoreTopic;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import io.aisle.testing.KafkaBrokerExtension;
import io.aisle.vision.frame.FrameLimits;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class KafkaStoreResumeTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private static final long T0 = 1_767_225_600_000L;
    private static final StoreKey ACME = new StoreKey(new TenantId("acme"), "s1");
    private static final StoreKey GLOBEX = new StoreKey(new TenantId("globex"), "s1");
    /** Record index at which the first worker dies: after shopper a's receipt, before b's. */
    private static final int CRASH_AFTER_BATCH = 100;

    @TempDir
    Path home;

    /** One record to publish: which store, which kind, what body. */
    private record Input(StoreKey store, InputKind kind, String body) {
    }

    @Test
    void workerThatTakesOverAfterACrashIssuesTheReceiptsOfAnUninterruptedRun() {
        String topic = "store-inputs-" + UUID.randomUUID();
        StoreTopic.ensure(kafka.clientProperties(), topic, 3);
        StoreRegistry registry = new StoreRegistry(home.resolve("stores"));
        registry.registerLayout(ACME, StoreScript.layoutJson("s1"));
        registry.registerLayout(GLOBEX, StoreScript.layoutJson("s1"));
        List<StoreScript.Batch> acme = new StoreScript(T0, 11).picks("a", 0, 1, 4_000, 9_000)
                .picks("b", 500, 2, 5_000, 10_000).render(12_000, 100);
        List<StoreScript.Batch> globex = new StoreScript(T0, 12).picks("c", 0, 2, 3_000, 8_000)
                .touches("d", 1_000, 1, 6_000, 11_000).render(12_000, 100);
        List<Input> before = interleave(acme.subList(0, CRASH_AFTER_BATCH), globex.subList(0, CRASH_AFTER_BATCH));
        List<Input> after = interleave(acme.subList(CRASH_AFTER_BATCH, acme.size()), globex.subList(CRASH_AFTER_BATCH, globex.size()));
        StoreInputParser parser = new StoreInputParser(FrameLimits.DEFAULT, Duration.ofDays(3650));
        FileCheckpointStore checkpoints = new FileCheckpointStore(home.resolve("checkpoints"));

        try (KafkaStoreIngest ingest = new KafkaStoreIngest(kafka.clientProperties(), topic)) {
            publish(ingest, registry, parser, before);
            KafkaStoreWorker first = worker(topic, "stores", registry, new StoreFeeds(1000), checkpoints, parser).start();
            await(() -> first.appliedRecords() == before.size(), "the first worker to apply the first part");
            assertTrue(first.checkpointsTaken() > 0, "the first worker checkpointed before it died");
            first.halt();
            publish(ingest, registry, parser, after);
        }
        StoreFeeds resumed = new StoreFeeds(1000);
        StoreFeeds uninterrupted = new StoreFeeds(1000);
        long total = before.size() + after.size();
        try (KafkaStoreWorker second = worker(topic, "stores", registry, resumed, checkpoints, parser).start();
             KafkaStoreWorker reference = worker(topic, "reference", registry, uninterrupted,
                     new FileCheckpointStore(home.resolve("reference-checkpoints")), parser).start()) {
            await(() -> reference.appliedRecords() == total, "the uninterrupted worker to apply everything");
            await(() -> receipts(resumed, ACME).size() == 2 && receipts(resumed, GLOBEX).size() == 2,
                    "the second worker to issue the remaining receipts");
            assertTrue(second.appliedRecords() < total, "the second worker resumed from a checkpoint, not from the start");
            assertTrue(second.appliedRecords() >= after.size(), "the second worker applied everything after the crash");
        }

        assertEquals(Map.of("OATS", 1), lines(receipts(uninterrupted, ACME), "a"));
        assertEquals(Map.of("TEA", 1), lines(receipts(uninterrupted, ACME), "b"));
        assertEquals(Map.of("TEA", 1), lines(receipts(uninterrupted, GLOBEX), "c"));
        assertEquals(Map.of(), lines(receipts(uninterrupted, GLOBEX), "d"));
        assertEquals(receipts(uninterrupted, ACME), receipts(resumed, ACME));
        assertEquals(receipts(uninterrupted, GLOBEX), receipts(resumed, GLOBEX));
    }

    @Test
    void receiptsPostedOverHttpInKafkaModeComeBackThroughTheConsumerGroup() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        IssuedKey admin = tenants.key("acme", Role.ADMIN);
        IssuedKey device = tenants.key("acme", Role.STORE_DEVICE);
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.kafka-bootstrap", kafka.bootstrapServers());
        properties.put("aisle.stores.topic", "store-inputs-" + UUID.randomUUID());
        properties.put("aisle.stores.partitions", 2);
        long t0 = Instant.now().minusSeconds(60).toEpochMilli();
        try (RunningServer server = RunningServer.start(properties)) {
            SignedHttp http = new SignedHttp(server);
            HttpResponse<String> registered = server.send(http.signed(admin.key().keyId(), admin.secret(), "PUT",
                    "/v1/admin/stores/s1/layout", StoreScript.layoutJson("s1"), Instant.now()).build());
            assertEquals(201, registered.statusCode(), registered.body());

            for (StoreScript.Batch batch : new StoreScript(t0, 3).picks("a", 0, 1, 4_000, 9_000).render(11_000, 100)) {
                if (batch.observationsJson() != null) {
                    assertEquals(202, http.post(device, "/v1/stores/s1/shopper-observations", batch.observationsJson()).statusCode());
                }
                assertEquals(202, http.post(device, "/v1/stores/s1/shelf-readings", batch.readingsJson()).statusCode());
            }

            await(() -> http.get(device, "/v1/stores/s1/receipts").body().contains("\"shopper\":\"a\""),
                    "the receipt of shopper a");
            String body = http.get(device, "/v1/stores/s1/receipts").body();
            assertTrue(body.contains("\"lines\":[{\"sku\":\"OATS\",\"quantity\":1,"), body);
        }
    }

    private KafkaStoreWorker worker(String topic, String group, StoreRegistry registry, StoreFeeds feeds,
            CheckpointStore checkpoints, StoreInputParser parser) {
        Properties client = kafka.clientProperties();
        // Small polls, so the worker checkpoints several times within the first part.
        client.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 7);
        return new KafkaStoreWorker(client, topic, group, registry, feeds, checkpoints, FusionSettings.defaults(), parser,
                25, Duration.ofHours(1));
    }

    private static List<Input> interleave(List<StoreScript.Batch> acme, List<StoreScript.Batch> globex) {
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < acme.size(); i++) {
            add(inputs, ACME, acme.get(i));
            add(inputs, GLOBEX, globex.get(i));
        }
        return inputs;
    }

    private static void add(List<Input> inputs, StoreKey store, StoreScript.Batch batch) {
        if (batch.observationsJson() != null) {
            inputs.add(new Input(store, InputKind.SHOPPER_OBSERVATIONS, batch.observationsJson()));
        }
        inputs.add(new Input(store, InputKind.SHELF_READINGS, batch.readingsJson()));
    }

    private static void publish(KafkaStoreIngest ingest, StoreRegistry registry, StoreInputParser parser, List<Input> inputs) {
        for (Input input : inputs) {
            RegisteredStore store = registry.find(input.store()).orElseThrow();
            byte[] body = input.body().getBytes(StandardCharsets.UTF_8);
            ingest.submit(store, input.kind(), body, parser.parse(input.kind(), body, store, Optional.empty()))
                    .block(Duration.ofSeconds(10));
        }
    }

    private static List<ReceiptView> receipts(StoreFeeds feeds, StoreKey store) {
        return feeds.feed(store).receiptsAfter(0, 1000);
    }

    private static Map<String, Integer> lines(List<ReceiptView> receipts, String shopper) {
        ReceiptView receipt = receipts.stream().filter(r -> r.shopper().equals(shopper)).findFirst()
                .orElseThrow(() -> new AssertionError("no receipt for " + shopper + " in " + receipts));
        Map<String, Integer> lines = new TreeMap<>();
        receipt.lines().forEach(line -> lines.put(line.sku(), line.quantity()));
        return lines;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
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
