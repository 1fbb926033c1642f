package io.aisle.serving.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.serving.events.EventType;
import io.aisle.serving.events.InMemoryUserHistoryStore;
import io.aisle.serving.events.InteractionEvent;
import io.aisle.serving.events.UserHistory;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.testing.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The history near-cache against a real redis-server: a warm read makes no round trip, and a change by another
 * replica reaches the cache through Redis's invalidation, also after Redis restarts.
 */
class TrackedHistoryCacheTest {

    private static final TenantId ACME = new TenantId("acme");

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private RedisConnections thisReplica;
    private RedisConnections otherReplica;
    private RedisUserHistoryStore histories;
    private RedisUserHistoryStore otherHistories;

    @BeforeEach
    void connect() {
        thisReplica = new RedisConnections(redis.uri());
        thisReplica.strings().sync().flushall();
        otherReplica = new RedisConnections(redis.uri());
        histories = new RedisUserHistoryStore(thisReplica, new InMemoryUserHistoryStore());
        otherHistories = new RedisUserHistoryStore(otherReplica, new InMemoryUserHistoryStore());
        awaitTrue(() -> histories.cacheIsTrusted(), "tracking to be on");
    }

    @AfterEach
    void disconnect() {
        thisReplica.close();
        otherReplica.close();
    }

    private static InteractionEvent purchase(String user, String item) {
        return new InteractionEvent(ACME, user, item, EventType.PURCHASE, Instant.parse("2026-03-01T10:00:00Z"), Optional.empty());
    }

    private long historyReads() {
        String stats = thisReplica.strings().sync().info("commandstats");
        return stats.lines().filter(line -> line.startsWith("cmdstat_smembers:")).findFirst()
                .map(line -> Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(','))))
                .orElse(0L);
    }

    @Test
    void aWarmReadIsServedHereWithoutARoundTrip() {
        otherHistories.apply(List.of(purchase("u-1", "milk"))).block();
        assertEquals(Set.of("milk"), histories.find(ACME, "u-1").block().purchased());
        long readsAfterFirst = historyReads();

        for (int i = 0; i < 5; i++) {
            assertEquals(Set.of("milk"), histories.find(ACME, "u-1").block().purchased());
        }
        assertEquals(readsAfterFirst, historyReads(), "five warm reads, no SMEMBERS");
    }

    @Test
    void anotherReplicasWriteInvalidatesTheCachedHistory() {
        assertEquals(UserHistory.EMPTY, histories.find(ACME, "u-2").block());
        otherHistories.apply(List.of(purchase("u-2", "jam"))).block();

        awaitTrue(() -> histories.find(ACME, "u-2").block().purchased().equals(Set.of("jam")),
                "the other replica's purchase to reach this replica's cache");
    }

    @Test
    void aWriteByAnyRedisClientInvalidatesIt() {
        assertEquals(UserHistory.EMPTY, histories.find(ACME, "u-3").block());
        try (RedisClient client = RedisClient.create(redis.uri()); StatefulRedisConnection<String, String> raw = client.connect()) {
            raw.sync().sadd("t:acme:u:u-3:bought", "tea");
        }
        awaitTrue(() -> histories.find(ACME, "u-3").block().purchased().equals(Set.of("tea")), "the raw write to invalidate the cache");
    }

    @Test
    void afterRedisRestartsTheCacheIsTrustedOnlyOnceTrackingIsOnAgain() {
        otherHistories.apply(List.of(purchase("u-4", "milk"))).block();
        assertEquals(Set.of("milk"), histories.find(ACME, "u-4").block().purchased());
        redis.stop();
        awaitTrue(() -> !histories.cacheIsTrusted(), "the disconnect to turn the cache off");
        redis.start(); // an empty Redis on the same port: the cached milk is no longer true
        awaitTrue(() -> histories.cacheIsTrusted(), "tracking to be on again after the reconnect");

        assertEquals(Set.of(), histories.find(ACME, "u-4").block().purchased());
        awaitTrue(() -> applied(otherHistories, purchase("u-4", "bread")), "the other replica to reconnect and write");
        awaitTrue(() -> histories.find(ACME, "u-4").block().purchased().equals(Set.of("bread")),
                "invalidations to flow again on the new connection");
    }

    private static boolean applied(RedisUserHistoryStore store, InteractionEvent event) {
        try {
            store.apply(List.of(event)).block();
            return true;
        } catch (RuntimeException notConnectedYet) {
            return false;
        }
    }

    private static void awaitTrue(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
