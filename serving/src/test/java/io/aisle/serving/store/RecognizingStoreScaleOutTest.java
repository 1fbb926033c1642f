package io.aisle.serving.store;

import static io.aisle.serving.store.StoreStreams.await;
import static io.aisle.serving.store.StoreStreams.publish;
import static io.aisle.serving.store.TwoStoreSession.PARSER;
import static io.aisle.serving.store.TwoStoreSession.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.serving.recommendations.ModelDeployments;
import io.aisle.serving.recommendations.VariantPlans;
import io.aisle.serving.redis.RedisCheckpointStore;
import io.aisle.serving.redis.RedisConnections;
import io.aisle.serving.redis.RedisStoreFeed;
import io.aisle.serving.store.kafka.KafkaStoreIngest;
import io.aisle.serving.store.kafka.KafkaStoreWorker;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.testing.KafkaBrokerExtension;
import io.aisle.testing.RedisServerExtension;
import io.aisle.vision.djl.RecognizerModel;
import io.aisle.vision.render.ProductAppearance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store worker killed mid-stream in Kafka mode while its tenant has an approved product recognizer: two workers
 * of one group on a real in-process broker and a real redis-server, a recognizer trained here and approved in the
 * model registry, and two look-alike stores of the tenant streamed from cameras with the shopper's hand crops. In
 * one the shopper takes a gold unit, which weight alone takes for the common look-alike; in the other a common one.
 */
class RecognizingStoreScaleOutTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static final long SEED = 7;
    private static final TenantId ACME = new TenantId("acme");
    private static final StoreKey GOLD = new StoreKey(ACME, "gold");
    private static final StoreKey COMMON = new StoreKey(ACME, "common");
    /**
     * 7.5 s into both sessions, as the shoppers lift the units: each store's first two hand crops went to the
     * owner that dies, the last two come to the survivor (records 144 to 157 carry crops).
     */
    private static final int CRASH_AFTER = 150;

    @TempDir
    static Path home;

    private static LookAlikeRecognizer trained;
    private static TenantRecognizers approved;
    private static StoreRegistry stores;
    private static List<StoreStreams.Input> inputs;

    @BeforeAll
    static void approveARecognizerAndRegisterTheStores() {
        trained = LookAlikeRecognizer.train(SEED);
        ModelRegistry models = new ModelRegistry(home.resolve("registry"), Clock.systemUTC());
        models.approve(ACME.value(), TenantRecognizers.MODEL, trained.publish(models, ACME.value()));
        // The server's own wiring: the approved version loaded from the registry.
        StoreConfiguration configuration = new StoreConfiguration();
        ModelDeployments<RecognizerModel> deployments = configuration.productRecognizerDeployments(models, new VariantPlans());
        deployments.refresh();
        approved = configuration.tenantRecognizers(deployments);
        stores = new StoreRegistry(home.resolve("stores"));
        inputs = alternate(session(GOLD, trained.gold(), SEED), session(COMMON, trained.common(), SEED + 1));
    }

    @AfterAll
    static void closeTheModels() {
        approved.find(ACME).ifPresent(version -> version.model().close());
        trained.close();
    }

    @Test
    void survivorOfAWorkerKilledMidStreamIssuesTheReceiptsOfAnUninterruptedRunWithTheRecognizer() {
        String topic = StoreStreams.newTopic(kafka, 1);
        String group = "stores-" + UUID.randomUUID();
        List<StoreStreams.Input> before = inputs.subList(0, CRASH_AFTER);
        List<StoreStreams.Input> after = inputs.subList(CRASH_AFTER, inputs.size());

        try (RedisConnections redisA = new RedisConnections(redis.uri());
             RedisConnections redisB = new RedisConnections(redis.uri());
             KafkaStoreIngest ingest = new KafkaStoreIngest(kafka.clientProperties(), topic);
             KafkaStoreWorker b = redisWorker(topic, group, redisB)) {
            StoreStreams.crashOwnerMidStream(kafka, group, ingest, stores, redisWorker(topic, group, redisA), b, before, after);
            RedisStoreFeed shared = new RedisStoreFeed(redisB, 1000);
            await(() -> receipts(shared, GOLD).size() == 1 && receipts(shared, COMMON).size() == 1,
                    "the survivor to issue both receipts");
            assertTrue(b.appliedRecords() < inputs.size(), "the survivor resumed from the Redis checkpoint, not from the start");

            Map<StoreKey, List<ReceiptView>> uninterrupted = uninterrupted(topic, approved);
            assertEquals(Map.of("OATS-GOLD", 1), lines(uninterrupted.get(GOLD)));
            assertEquals(Map.of("OATS", 1), lines(uninterrupted.get(COMMON)));
            // Line by line: SKU, quantity and confidence, and the rest of each receipt.
            assertEquals(uninterrupted.get(GOLD), receipts(shared, GOLD));
            assertEquals(uninterrupted.get(COMMON), receipts(shared, COMMON));
        }
    }

    @Test
    void withoutAnApprovedRecognizerTheSameStreamGivesOtherReceipts() {
        String topic = StoreStreams.newTopic(kafka, 1);
        try (KafkaStoreIngest ingest = new KafkaStoreIngest(kafka.clientProperties(), topic)) {
            publish(ingest, stores, PARSER, inputs);
        }

        Map<StoreKey, List<ReceiptView>> recognized = uninterrupted(topic, approved);
        Map<StoreKey, List<ReceiptView>> byWeight = uninterrupted(topic, TenantRecognizers.NONE);

        assertEquals(Map.of("OATS", 1), lines(byWeight.get(GOLD)), "weight alone takes the common look-alike");
        assertNotEquals(recognized.get(GOLD), byWeight.get(GOLD));
    }

    /** Registers a look-alike store with the scene's cameras; its session, the shopper holding {@code held} as she lifts it. */
    private static List<StoreStreams.Input> session(StoreKey store, ProductAppearance held, long seed) {
        stores.registerLayout(store, CameraSession.lookAlikeLayoutJson(store.store()));
        stores.registerCameras(store, CameraSetup.parse(CameraSession.camerasJson().getBytes(StandardCharsets.UTF_8)));
        return StoreStreams.cameraInputs(store, new CameraSession(T0, seed, Optional.of(held)));
    }

    /** The records of two stores in turn, each store's in its own order. */
    private static List<StoreStreams.Input> alternate(List<StoreStreams.Input> first, List<StoreStreams.Input> second) {
        List<StoreStreams.Input> both = new ArrayList<>();
        for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
            if (i < first.size()) {
                both.add(first.get(i));
            }
            if (i < second.size()) {
                both.add(second.get(i));
            }
        }
        return both;
    }

    /** The receipts of both stores from one worker of a group of its own that reads the whole topic without a crash. */
    private static Map<StoreKey, List<ReceiptView>> uninterrupted(String topic, TenantRecognizers recognizers) {
        StoreFeeds feeds = new StoreFeeds(1000);
        String group = "reference-" + UUID.randomUUID();
        try (KafkaStoreWorker reference = StoreStreams.worker(kafka, topic, group, stores, feeds,
                new FileCheckpointStore(home.resolve(group)), recognizers).start()) {
            await(() -> reference.appliedRecords() == inputs.size(), "the uninterrupted worker to apply everything");
        }
        return Map.of(GOLD, feeds.feed(GOLD).receiptsAfter(0, 100), COMMON, feeds.feed(COMMON).receiptsAfter(0, 100));
    }

    private static KafkaStoreWorker redisWorker(String topic, String group, RedisConnections connections) {
        return StoreStreams.worker(kafka, topic, group, stores, new StoreFeeds(1000, new RedisStoreFeed(connections, 1000)),
                new RedisCheckpointStore(connections), approved);
    }

    /** The lines of the one receipt of a store's session. */
    private static Map<String, Integer> lines(List<ReceiptView> receipts) {
        assertEquals(1, receipts.size(), receipts.toString());
        return StoreStreams.lines(receipts, receipts.get(0).shopper());
    }

    private static List<ReceiptView> receipts(RedisStoreFeed feed, StoreKey store) {
        return feed.receiptsAfter(store, 0, 100).block();
    }
}
