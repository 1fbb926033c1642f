package io.aisle.serving.store;

import static io.aisle.serving.store.StoreStreams.await;
import static io.aisle.serving.store.TwoStoreSession.ACME;
import static io.aisle.serving.store.TwoStoreSession.GLOBEX;
import static io.aisle.serving.store.StoreStreams.lines;
import static io.aisle.serving.store.StoreStreams.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import io.aisle.fusion.engine.FusionSettings;
import io.aisle.serving.store.kafka.KafkaStoreIngest;
import io.aisle.serving.store.kafka.KafkaStoreWorker;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import io.aisle.testing.KafkaBrokerExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class KafkaStoreResumeTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    Path home;

    private IssuedKey admin;

    @Test
    void workerThatTakesOverAfterACrashIssuesTheReceiptsOfAnUninterruptedRun() {
        String topic = StoreStreams.newTopic(kafka, 3);
        TwoStoreSession session = TwoStoreSession.register(home.resolve("stores"));
        StoreRegistry registry = session.registry();
        List<StoreStreams.Input> before = session.before();
        List<StoreStreams.Input> after = session.after();
        StoreInputParser parser = TwoStoreSession.PARSER;
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
        long total = session.total();
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
    void aWorkerThatTakesOverAfterACrashKeepsTheReviewResolvedAndTheDisputeAnswered() {
        String topic = StoreStreams.newTopic(kafka, 2);
        StoreRegistry registry = new StoreRegistry(home.resolve("stores"));
        registry.registerLayout(ACME, StoreScript.layoutJson("s1"));
        RegisteredStore store = registry.find(ACME).orElseThrow();
        List<StoreStreams.Input> session = StoreStreams.inputs(ACME, StoreScript.ambiguousPick(TwoStoreSession.T0));
        StoreInputParser parser = TwoStoreSession.PARSER;
        FileCheckpointStore checkpoints = new FileCheckpointStore(home.resolve("checkpoints"));
        long review;
        long other;
        try (KafkaStoreIngest ingest = new KafkaStoreIngest(kafka.clientProperties(), topic)) {
            publish(ingest, registry, parser, session);
            StoreFeeds firstFeeds = new StoreFeeds(1000);
            KafkaStoreWorker first = worker(topic, "stores", registry, firstFeeds, checkpoints, parser).start();
            await(() -> first.appliedRecords() == session.size(), "the first worker to apply the session");
            review = firstFeeds.feed(ACME).openReviews().get(0).seq();
            other = 3 - review;
            submitReview(ingest, parser, store, InputKind.REVIEW_RESOLUTION, review, "{\"decision\":\"confirm\"}");
            await(() -> firstFeeds.feed(ACME).findAdjustment(review).isPresent(), "the first worker to resolve the review");
            first.halt();
            submitReview(ingest, parser, store, InputKind.RECEIPT_DISPUTE, other, "{\"lines\":[],\"note\":\"nothing\"}");
        }
        long total = session.size() + 2;
        StoreFeeds resumed = new StoreFeeds(1000);
        StoreFeeds uninterrupted = new StoreFeeds(1000);
        try (KafkaStoreWorker second = worker(topic, "stores", registry, resumed, checkpoints, parser).start();
             KafkaStoreWorker reference = worker(topic, "reference", registry, uninterrupted,
                     new FileCheckpointStore(home.resolve("reference-checkpoints")), parser).start()) {
            await(() -> reference.appliedRecords() == total, "the uninterrupted worker to apply everything");
            await(() -> receipts(resumed, ACME).size() == 4, "the second worker to answer the dispute");
            assertTrue(second.appliedRecords() < total, "the second worker resumed from a checkpoint, not from the start");
        }

        List<ReceiptView> receipts = receipts(resumed, ACME);
        assertEquals(receipts(uninterrupted, ACME), receipts);
        assertEquals(List.of(review, other), receipts.stream().skip(2).map(ReceiptView::adjusts).toList());
        assertEquals(List.of("confirmed", "disputed"), receipts.stream().skip(2).map(ReceiptView::adjustment).toList());
        assertEquals(List.of(), resumed.feed(ACME).openReviews());
        assertEquals(Optional.of(3L), resumed.feed(ACME).findAdjustment(review));
    }

    private static void submitReview(KafkaStoreIngest ingest, StoreInputParser parser, RegisteredStore store,
            InputKind kind, long receipt, String body) {
        StoreStreams.publishReview(ingest, parser, store, kind, receipt, body, Instant.ofEpochMilli(TwoStoreSession.T0 + 60_000));
    }

    @Test
    void receiptsPostedOverHttpInKafkaModeComeBackThroughTheConsumerGroup() {
        long t0 = Instant.now().minusSeconds(60).toEpochMilli();
        IssuedKey device = tenantWithAStoreDevice();
        try (RunningServer server = kafkaModeServerWithStoreS1()) {
            SignedHttp http = new SignedHttp(server);
            playOverHttp(http, device, new StoreScript(t0, 3).picks("a", 0, 1, 4_000, 9_000).render(11_000, 100));

            await(() -> http.get(device, "/v1/stores/s1/receipts").body().contains("\"shopper\":\"a\""),
                    "the receipt of shopper a");
            String body = http.get(device, "/v1/stores/s1/receipts").body();
            assertTrue(body.contains("\"lines\":[{\"sku\":\"OATS\",\"quantity\":1,"), body);
        }
    }

    @Test
    void theServerThatOwnsTheStoreInKafkaModeShowsItsShoppersAndSensors() {
        long t0 = Instant.now().minusSeconds(60).toEpochMilli();
        IssuedKey device = tenantWithAStoreDevice();
        try (RunningServer server = kafkaModeServerWithStoreS1()) {
            SignedHttp http = new SignedHttp(server);
            // Shopper a is at plate 1 from the second second on and stays past the end of what is sent.
            playOverHttp(http, device, new StoreScript(t0, 3).picks("a", 0, 1, 4_000, 60_000).render(6_000, 100));

            await(() -> http.get(device, "/v1/stores/s1/shoppers").body().contains("\"shopper\":\"a\""),
                    "shopper a on the floor");
            String sensors = http.get(device, "/v1/stores/s1/sensors").body();
            assertTrue(sensors.contains("{\"plate\":\"P1\",\"lastReadingMillis\":"), sensors);
            assertTrue(!sensors.contains("\"silent\":true"), sensors);
        }
    }

    /** Tenant acme with an admin key (kept for {@link #kafkaModeServerWithStoreS1}) and the store-device key returned. */
    private IssuedKey tenantWithAStoreDevice() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        admin = tenants.key("acme", Role.ADMIN);
        return tenants.key("acme", Role.STORE_DEVICE);
    }

    /** A server in Kafka mode on a topic of its own, with store s1 of {@link StoreScript} registered. */
    private RunningServer kafkaModeServerWithStoreS1() {
        Map<String, Object> properties = new HashMap<>(new TestTenants(home).serverProperties());
        properties.put("aisle.kafka-bootstrap", kafka.bootstrapServers());
        properties.put("aisle.stores.topic", "store-inputs-" + UUID.randomUUID());
        properties.put("aisle.stores.partitions", 2);
        RunningServer server = RunningServer.start(properties);
        SignedHttp http = new SignedHttp(server);
        HttpResponse<String> registered = server.send(http.signed(admin.key().keyId(), admin.secret(), "PUT",
                "/v1/admin/stores/s1/layout", StoreScript.layoutJson("s1"), Instant.now()).build());
        assertEquals(201, registered.statusCode(), registered.body());
        return server;
    }

    private static void playOverHttp(SignedHttp http, IssuedKey device, List<StoreScript.Batch> batches) {
        for (StoreScript.Batch batch : batches) {
            if (batch.observationsJson() != null) {
                assertEquals(202, http.post(device, "/v1/stores/s1/shopper-observations", batch.observationsJson()).statusCode());
            }
            assertEquals(202, http.post(device, "/v1/stores/s1/shelf-readings", batch.readingsJson()).statusCode());
        }
    }

    private KafkaStoreWorker worker(String topic, String group, StoreRegistry registry, StoreFeeds feeds,
            CheckpointStore checkpoints, StoreInputParser parser) {
        Properties client = kafka.clientProperties();
        // Small polls, so the worker checkpoints several times within the first part.
        client.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 7);
        return new KafkaStoreWorker(client, topic, group, registry, feeds, checkpoints, FusionSettings.defaults(), TenantRecognizers.NONE, parser,
                25, Duration.ofHours(1));
    }

    private static List<ReceiptView> receipts(StoreFeeds feeds, StoreKey store) {
        return feeds.feed(store).receiptsAfter(0, 1000);
    }
}
