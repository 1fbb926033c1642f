package io.aisle.serving.store;

import static io.aisle.serving.store.StoreStreams.await;
import static io.aisle.serving.store.TwoStoreSession.ACME;
import static io.aisle.serving.store.TwoStoreSession.GLOBEX;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.fusion.engine.FusionSettings;
import io.aisle.serving.redis.RedisCheckpointStore;
import io.aisle.serving.redis.RedisConnections;
import io.aisle.serving.redis.RedisStoreFeed;
import io.aisle.serving.store.kafka.KafkaStoreIngest;
import io.aisle.serving.store.kafka.KafkaStoreWorker;
import io.aisle.testing.KafkaBrokerExtension;
import io.aisle.testing.RedisServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
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

    @TempDir
    Path home;

    @Test
    void ownerKeepsApplyingThroughARedisOutageAndPublishesWhatWaitedOnceRedisReturns() {
        String topic = StoreStreams.newTopic(kafka, 1);
        // Shopper a's receipt is out before the outage, b's comes during it.
        TwoStoreSession session = TwoStoreSession.register(home.resolve("stores"));
        List<StoreStreams.Input> before = session.before();
        List<StoreStreams.Input> during = session.after();

        try (RedisConnections connections = new RedisConnections(redis.uri());
             KafkaStoreIngest ingest = new KafkaStoreIngest(kafka.clientProperties(), topic)) {
            RedisStoreFeed shared = new RedisStoreFeed(connections, 1000);
            StoreFeeds feeds = new StoreFeeds(1000, shared);
            Properties client = kafka.clientProperties();
            client.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 7);
            try (KafkaStoreWorker worker = new KafkaStoreWorker(client, topic, "stores", session.registry(), feeds,
                    new RedisCheckpointStore(connections), FusionSettings.defaults(), TenantRecognizers.NONE, TwoStoreSession.PARSER, 25, Duration.ofSeconds(1)).start()) {
                session.publish(ingest, before);
                await(() -> worker.appliedRecords() == before.size(), "the worker to apply the first part");
                await(() -> shared.receiptsAfter(ACME, 0, 10).block().size() == 1, "shopper a's receipt in Redis");

                redis.stop();
                long checkpointsBefore = worker.checkpointsTaken();
                session.publish(ingest, during);
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
