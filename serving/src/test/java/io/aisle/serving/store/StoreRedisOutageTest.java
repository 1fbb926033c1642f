package io.aisle.serving.store;

import static io.aisle.serving.store.StoreStreams.await;
import static io.aisle.serving.store.StoreStreams.interleave;
import static io.aisle.serving.store.StoreStreams.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.fusion.engine.FusionSettings;
import io.aisle.serving.redis.RedisCheckpointStore;
import io.aisle.serving.redis.RedisConnections;
import io.aisle.serving.redis.RedisStoreFeed;
import io.aisle.serving.store.kafka.KafkaStoreIngest;
import io.aisle.serving.store.kafka.KafkaStoreWorker;
import io.aisle.serving.store.kafka.StoreTopic;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.testing.KafkaBrokerExtension;
import io.aisle.testing.RedisServerExtension;
import io.aisle.vision.frame.FrameLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A store worker in Kafka and Redis mode while its redis-server goes away and comes back empty. */
class StoreRedisOutageTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static final long T0 = 1_767_225_600_000L;
    private static final StoreKey ACME = new StoreKey(new TenantId("acme"), "s1");
    private static final StoreKey GLOBEX = new StoreKey(new TenantId("globex"), "s1");

    @TempDir
    Path home;

    @Test
    void ownerKeepsApplyingThroughARedisOutageAndPublishesWhatWaitedOnceRedisReturns() {
        String topic = "store-inputs-" + UUID.randomUUID();
        StoreTopic.ensure(kafka.clientProperties(), topic, 1);
        StoreRegistry registry = new StoreRegistry(home.resolve("stores"));
        registry.registerLayout(ACME, StoreScript.layoutJson("s1"));
        registry.registerLayout(GLOBEX, StoreScript.layoutJson("s1"));
        List<StoreScript.Batch> acme = new StoreScript(T0, 11).picks("a", 0, 1, 4_000, 9_000)
                .picks("b", 500, 2, 5_000, 10_000).render(12_000, 100);
        List<StoreScript.Batch> globex = new StoreScript(T0, 12).picks("c", 0, 2, 3_000, 8_000).render(12_000, 100);
        // Shopper a's receipt is out before the outage, b's comes during it.
        List<StoreStreams.Input> before = interleave(ACME, acme.subList(0, 100), GLOBEX, globex.subList(0, 100));
        List<StoreStreams.Input> during = interleave(ACME, acme.subList(100, acme.size()), GLOBEX, globex.subList(100, globex.size()));
        StoreInputParser parser = new StoreInputParser(FrameLimits.DEFAULT, Duration.ofDays(3650));

        try (RedisConnections connections = new RedisConnections(redis.uri());
             KafkaStoreIngest ingest = new KafkaStoreIngest(kafka.clientProperties(), topic)) {
            RedisStoreFeed shared = new RedisStoreFeed(connections, 1000);
            StoreFeeds feeds = new StoreFeeds(1000, shared);
            Properties client = kafka.clientProperties();
            client.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 7);
            try (KafkaStoreWorker worker = new KafkaStoreWorker(client, topic, "stores", registry, feeds,
                    new RedisCheckpointStore(connections), FusionSettings.defaults(), parser, 25, Duration.ofSeconds(1)).start()) {
                publish(ingest, registry, parser, before);
                await(() -> worker.appliedRecords() == before.size(), "the worker to apply the first part");
                await(() -> shared.receiptsAfter(ACME, 0, 10).block().size() == 1, "shopper a's receipt in Redis");

                redis.stop();
                long checkpointsBefore = worker.checkpointsTaken();
                publish(ingest, registry, parser, during);
                await(() -> worker.appliedRecords() == before.size() + during.size(), "the worker to apply everything");
                await(() -> feeds.feed(ACME).receiptsAfter(0, 10).size() == 2, "shopper b's receipt in the owner's memory");
                assertEquals(checkpointsBefore, worker.checkpointsTaken(), "no checkpoint while receipts wait for Redis");

                redis.start();
                // The restarted server is empty: what reaches it is what waited in the owner.
                await(() -> shared.receiptsAfter(ACME, 0, 10).onErrorReturn(List.of()).block().size() == 1,
                        "shopper b's receipt to reach Redis");
                assertEquals(feeds.feed(ACME).receiptsAfter(1, 10), shared.receiptsAfter(ACME, 0, 10).block());
                await(() -> worker.checkpointsTaken() > checkpointsBefore, "checkpoints to resume");
                // The partition's last record is globex's: its checkpoint is past every record.
                assertEquals(before.size() + during.size(),
                        new RedisCheckpointStore(connections).find(GLOBEX).orElseThrow().nextOffset());
            }
        }
    }
}
