package io.aisle.serving.store;

import static io.aisle.serving.store.StoreStreams.await;
import static io.aisle.serving.store.StoreStreams.interleave;
import static io.aisle.serving.store.StoreStreams.lines;
import static io.aisle.serving.store.StoreStreams.publish;
import static io.aisle.serving.store.TwoStoreSession.ACME;
import static io.aisle.serving.store.TwoStoreSession.GLOBEX;
import static io.aisle.serving.store.TwoStoreSession.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.redis.RedisCheckpointStore;
import io.aisle.serving.redis.RedisConnections;
import io.aisle.serving.redis.RedisStoreFeed;
import io.aisle.serving.store.kafka.KafkaStoreIngest;
import io.aisle.serving.store.kafka.KafkaStoreWorker;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import io.aisle.testing.KafkaBrokerExtension;
import io.aisle.testing.RedisServerExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stores at scale-out settings: several workers of one consumer group sharing one real
 * redis-server and one real in-process Kafka broker.
 */
class StoreScaleOutTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private final StoreInputParser parser = TwoStoreSession.PARSER;

    @TempDir
    Path home;

    @Test
    void workerOfTheSameGroupTakesOverFromTheRedisCheckpointAndRedisHoldsTheReceiptsOfAnUninterruptedRun() {
        // One partition: one worker owns both stores, the other waits as a member of the group.
        String topic = StoreStreams.newTopic(kafka, 1);
        String group = "stores-" + UUID.randomUUID();
        TwoStoreSession session = TwoStoreSession.register(home.resolve("stores"));
        StoreRegistry registry = session.registry();
        List<StoreStreams.Input> before = session.before();
        List<StoreStreams.Input> after = session.after();
        long total = session.total();

        try (RedisConnections redisA = new RedisConnections(redis.uri());
             RedisConnections redisB = new RedisConnections(redis.uri());
             KafkaStoreIngest ingest = new KafkaStoreIngest(kafka.clientProperties(), topic)) {
            KafkaStoreWorker b = redisWorker(topic, group, registry, redisB);
            StoreStreams.crashOwnerMidStream(kafka, group, ingest, registry, redisWorker(topic, group, registry, redisA), b,
                    before, after);
            RedisStoreFeed shared = new RedisStoreFeed(redisB, 1000);
            await(() -> shared.receiptsAfter(ACME, 0, 100).block().size() == 2
                    && shared.receiptsAfter(GLOBEX, 0, 100).block().size() == 2, "the survivor to issue the remaining receipts");
            assertTrue(b.appliedRecords() < total, "the survivor resumed from the Redis checkpoint, not from the start");
            assertTrue(b.appliedRecords() >= after.size(), "the survivor applied everything after the crash");

            StoreFeeds uninterrupted = new StoreFeeds(1000);
            try (KafkaStoreWorker reference = worker(topic, "reference-" + group, registry, uninterrupted,
                    new FileCheckpointStore(home.resolve("reference-checkpoints"))).start()) {
                await(() -> reference.appliedRecords() == total, "the uninterrupted worker to apply everything");
            }
            List<ReceiptView> expectedAcme = uninterrupted.feed(ACME).receiptsAfter(0, 100);
            List<ReceiptView> expectedGlobex = uninterrupted.feed(GLOBEX).receiptsAfter(0, 100);
            assertEquals(Map.of("OATS", 1), lines(expectedAcme, "a"));
            assertEquals(Map.of("TEA", 1), lines(expectedAcme, "b"));
            assertEquals(expectedAcme, shared.receiptsAfter(ACME, 0, 100).block());
            assertEquals(expectedGlobex, shared.receiptsAfter(GLOBEX, 0, 100).block());
            assertEquals(List.of(expectedAcme.get(1)), shared.receiptsAfter(ACME, 1, 100).block(), "since= skips what was read");
            b.close();
        }
    }

    @Test
    void everyServerSeesTheOpenReviewsAndTheAdjustmentsThroughRedis() {
        String topic = StoreStreams.newTopic(kafka, 1);
        // A store of its own: the other tests leave checkpoints and receipts of theirs in the shared Redis.
        StoreKey key = new StoreKey(ACME.tenant(), "review");
        StoreRegistry registry = new StoreRegistry(home.resolve("stores"));
        registry.registerLayout(key, StoreScript.layoutJson("review"));
        RegisteredStore store = registry.find(key).orElseThrow();
        List<StoreStreams.Input> session = StoreStreams.inputs(key, StoreScript.ambiguousPick(T0));

        try (RedisConnections owner = new RedisConnections(redis.uri());
             RedisConnections reader = new RedisConnections(redis.uri());
             KafkaStoreIngest ingest = new KafkaStoreIngest(kafka.clientProperties(), topic);
             KafkaStoreWorker worker = redisWorker(topic, "stores-" + UUID.randomUUID(), registry, owner).start()) {
            publish(ingest, registry, parser, session);
            RedisStoreFeed shared = new RedisStoreFeed(reader, 1000);
            await(() -> shared.openReviews(key).block().size() == 1, "the flagged receipt in Redis");
            ReceiptView flagged = shared.openReviews(key).block().get(0);
            assertEquals("P2", flagged.evidence().get(0).plateId());
            assertEquals(Optional.of(flagged), shared.findOpenReview(key, flagged.seq()).block());

            StoreStreams.publishReview(ingest, parser, store, InputKind.REVIEW_RESOLUTION, flagged.seq(),
                    "{\"decision\":\"correct\",\"lines\":[]}", Instant.ofEpochMilli(T0 + 60_000));
            await(() -> shared.findAdjustment(key, flagged.seq()).block().isPresent(), "the adjustment in Redis");

            long adjusted = shared.findAdjustment(key, flagged.seq()).block().orElseThrow();
            ReceiptView receipt = shared.findReceipt(key, adjusted).block().orElseThrow();
            assertEquals(Long.valueOf(flagged.seq()), receipt.adjusts());
            assertEquals("corrected", receipt.adjustment());
            assertEquals(List.of(), shared.openReviews(key).block());
            assertEquals(Optional.empty(), shared.findOpenReview(key, flagged.seq()).block());
            assertEquals(flagged, shared.findReceipt(key, flagged.seq()).block().orElseThrow(), "the original stays");
        }
    }

    @Test
    void cameraTracksOfAShopperInTheStoreSurviveATakeoverThroughTheRedisCheckpoint() {
        String topic = StoreStreams.newTopic(kafka, 1);
        String group = "stores-" + UUID.randomUUID();
        StoreKey store = new StoreKey(ACME.tenant(), "cams");
        StoreRegistry registry = new StoreRegistry(home.resolve("stores"));
        registry.registerLayout(store, CameraSession.layoutJson("cams"));
        registry.registerCameras(store, CameraSetup.parse(CameraSession.camerasJson().getBytes(StandardCharsets.UTF_8)));
        List<StoreStreams.Input> inputs = StoreStreams.cameraInputs(store, new CameraSession(T0, 7));
        // 5 s in: the shopper stands at the shelf, away from the entry where tracks are born.
        List<StoreStreams.Input> before = inputs.subList(0, 50);
        List<StoreStreams.Input> after = inputs.subList(50, inputs.size());

        try (RedisConnections redisA = new RedisConnections(redis.uri());
             RedisConnections redisB = new RedisConnections(redis.uri());
             KafkaStoreIngest ingest = new KafkaStoreIngest(kafka.clientProperties(), topic)) {
            publish(ingest, registry, parser, before);
            KafkaStoreWorker first = redisWorker(topic, group, registry, redisA).start();
            await(() -> first.appliedRecords() == before.size(), "the first owner to apply the first part");
            assertTrue(first.checkpointsTaken() > 0, "the first owner checkpointed before it died");
            first.halt();
            publish(ingest, registry, parser, after);
            RedisStoreFeed shared = new RedisStoreFeed(redisB, 1000);
            try (KafkaStoreWorker second = redisWorker(topic, group, registry, redisB).start()) {
                await(() -> !shared.receiptsAfter(store, 0, 10).block().isEmpty(), "the receipt of the shopper");
                assertTrue(second.appliedRecords() < inputs.size(), "the second owner resumed from the checkpoint");
            }
            List<ReceiptView> receipts = shared.receiptsAfter(store, 0, 10).block();
            assertEquals(1, receipts.size(), receipts.toString());
            assertEquals(Map.of("OATS", 1), lines(receipts, receipts.get(0).shopper()));
        }
    }

    @Test
    void refusesACorruptCheckpointInRedisAndKeepsApplyingTheOtherStoresOfThePartition() throws Exception {
        String topic = StoreStreams.newTopic(kafka, 1);
        String group = "stores-" + UUID.randomUUID();
        StoreKey acme = new StoreKey(ACME.tenant(), "s2");
        StoreKey globex = new StoreKey(GLOBEX.tenant(), "s2");
        StoreRegistry registry = new StoreRegistry(home.resolve("stores"));
        registry.registerLayout(acme, StoreScript.layoutJson("s2"));
        registry.registerLayout(globex, StoreScript.layoutJson("s2"));
        List<StoreScript.Batch> acmeBatches = new StoreScript(T0, 21).picks("a", 0, 1, 4_000, 9_000).render(11_000, 100);
        List<StoreScript.Batch> globexBatches = new StoreScript(T0, 22).picks("c", 0, 2, 3_000, 8_000).render(11_000, 100);
        List<StoreStreams.Input> inputs = interleave(acme, acmeBatches, globex, globexBatches);
        long globexInputs = inputs.stream().filter(input -> input.store().equals(globex)).count();

        try (RedisConnections connections = new RedisConnections(redis.uri());
             KafkaStoreIngest ingest = new KafkaStoreIngest(kafka.clientProperties(), topic)) {
            connections.strings().sync().hset(RedisCheckpointStore.key(acme),
                    Map.of("nextOffset", "17", "checkpoint", "written by something else"));
            publish(ingest, registry, parser, inputs);
            StoreFeeds feeds = new StoreFeeds(1000, new RedisStoreFeed(connections, 1000));
            try (KafkaStoreWorker worker = worker(topic, group, registry, feeds, new RedisCheckpointStore(connections)).start()) {
                await(() -> worker.appliedRecords() == globexInputs, "the worker to apply every record of the healthy store");
                String reason = worker.refusedStores().get(acme);
                assertTrue(reason != null && reason.contains("t:acme:store:s2:checkpoint"), String.valueOf(reason));
                assertEquals(Map.of("TEA", 1), lines(feeds.feed(globex).receiptsAfter(0, 10), "c"));
                assertTrue(feeds.feed(acme).receiptsAfter(0, 10).isEmpty(), "nothing was applied to the refused store");
            }
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                OffsetAndMetadata offset = committed.get(new TopicPartition(topic, 0));
                assertTrue(offset == null || offset.offset() == 0,
                        "the commit stays before the refused store's first record: " + offset);
            }
        }
    }

    @Test
    void anyServerAnswersTheCartsAndReceiptsOfAStoreOwnedByAnother() throws Exception {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        tenants.create("globex");
        IssuedKey admin = tenants.key("acme", Role.ADMIN);
        IssuedKey device = tenants.key("acme", Role.STORE_DEVICE);
        IssuedKey otherTenant = tenants.key("globex", Role.STORE_DEVICE);
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.kafka-bootstrap", kafka.bootstrapServers());
        properties.put("aisle.redis-url", redis.uri());
        properties.put("aisle.stores.topic", "store-inputs-" + UUID.randomUUID());
        properties.put("aisle.stores.consumer-group", "stores-" + UUID.randomUUID());
        // One partition: exactly one of the two servers owns the store.
        properties.put("aisle.stores.partitions", 1);
        long t0 = Instant.now().minusSeconds(60).toEpochMilli();
        try (RunningServer first = RunningServer.start(properties); RunningServer second = RunningServer.start(properties)) {
            SignedHttp http1 = new SignedHttp(first);
            SignedHttp http2 = new SignedHttp(second);
            HttpResponse<String> registered = first.send(http1.signed(admin.key().keyId(), admin.secret(), "PUT",
                    "/v1/admin/stores/s3/layout", StoreScript.layoutJson("s3"), Instant.now()).build());
            assertEquals(201, registered.statusCode(), registered.body());
            try (StoreEventStream events1 = StoreEventStream.open(http1, device, "s3");
                 StoreEventStream events2 = StoreEventStream.open(http2, device, "s3")) {
                playAndRead(http1, http2, device, otherTenant, t0);
                assertTrue(events1.nextReceipt().contains("\"shopper\":\"a\""));
                assertTrue(events2.nextReceipt().contains("\"shopper\":\"a\""));
            }
        }
    }

    /** Inputs posted to both servers in turn; then both answer the same carts and receipts. */
    private static void playAndRead(SignedHttp http1, SignedHttp http2, IssuedKey device, IssuedKey otherTenant, long t0) {
        // Shopper b is still in the store when the session ends: an open cart.
        for (StoreScript.Batch batch : new StoreScript(t0, 3).picks("a", 0, 1, 4_000, 9_000)
                .picks("b", 0, 2, 5_000, 60_000).render(11_000, 200)) {
            if (batch.observationsJson() != null) {
                assertEquals(202, http2.post(device, "/v1/stores/s3/shopper-observations", batch.observationsJson()).statusCode());
            }
            assertEquals(202, http1.post(device, "/v1/stores/s3/shelf-readings", batch.readingsJson()).statusCode());
        }

        for (SignedHttp http : List.of(http1, http2)) {
            await(() -> http.get(device, "/v1/stores/s3/receipts").body().contains("\"shopper\":\"a\""),
                    "the receipt of shopper a on both servers");
        }
        String receipts = http1.get(device, "/v1/stores/s3/receipts").body();
        assertTrue(receipts.contains("\"lines\":[{\"sku\":\"OATS\",\"quantity\":1,"), receipts);
        assertEquals(receipts, http2.get(device, "/v1/stores/s3/receipts").body());
        assertEquals("{\"receipts\":[],\"next\":1}", http2.get(device, "/v1/stores/s3/receipts?since=1").body());
        HttpResponse<String> cart = http2.get(device, "/v1/stores/s3/carts/b");
        assertEquals(200, cart.statusCode(), cart.body());
        assertTrue(cart.body().contains("\"sku\":\"TEA\""), cart.body());
        assertEquals(cart.body(), http1.get(device, "/v1/stores/s3/carts/b").body());
        assertEquals(404, http1.get(device, "/v1/stores/s3/carts/a").statusCode(), "a's cart closed with the receipt");
        for (SignedHttp http : List.of(http1, http2)) {
            assertEquals(404, http.get(otherTenant, "/v1/stores/s3/receipts").statusCode(), "another tenant's store");
            assertEquals(404, http.get(otherTenant, "/v1/stores/s3/carts/b").statusCode(), "another tenant's store");
        }
    }

    private KafkaStoreWorker redisWorker(String topic, String group, StoreRegistry registry, RedisConnections connections) {
        return worker(topic, group, registry, new StoreFeeds(1000, new RedisStoreFeed(connections, 1000)),
                new RedisCheckpointStore(connections));
    }

    private KafkaStoreWorker worker(String topic, String group, StoreRegistry registry, StoreFeeds feeds,
            CheckpointStore checkpoints) {
        return StoreStreams.worker(kafka, topic, group, registry, feeds, checkpoints, TenantRecognizers.NONE);
    }
}
