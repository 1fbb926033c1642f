package io.aisle.serving.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.events.EventType;
import io.aisle.serving.events.InMemoryUserHistoryStore;
import io.aisle.serving.events.InteractionEvent;
import io.aisle.serving.events.UserHistory;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.testing.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** User histories in a real redis-server, read through the near cache that Redis client tracking keeps valid. */
class RedisUserHistoryStoreTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    /** Far longer than an invalidation takes on loopback. */
    private static final Duration INVALIDATION_WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private RedisConnections server;
    private RedisConnections anotherClient;
    private RedisUserHistoryStore store;

    @BeforeEach
    void connect() {
        if (!redis.isRunning()) {
            redis.start();
        }
        server = new RedisConnections(redis.uri());
        anotherClient = new RedisConnections(redis.uri());
        anotherClient.strings().sync().flushall();
        store = new RedisUserHistoryStore(server, new InMemoryUserHistoryStore());
        awaitTracking();
    }

    @AfterEach
    void disconnect() {
        server.close();
        anotherClient.close();
    }

    @Test
    void answersARepeatedReadFromMemoryWithoutAskingRedis() {
        anotherClient.strings().sync().lpush("t:acme:u:bob:recent", "item-1");
        assertEquals(List.of("item-1"), store.find(ACME, "bob").block().recentItems());
        long reads = calls("lrange");

        UserHistory again = store.find(ACME, "bob").block();

        assertEquals(List.of("item-1"), again.recentItems());
        assertEquals(reads, calls("lrange"), "the second read was answered from the near cache");
    }

    @Test
    void aWriteByAnotherClientInvalidatesTheCachedHistory() {
        anotherClient.strings().sync().lpush("t:acme:u:bob:recent", "item-1");
        assertEquals(List.of("item-1"), store.find(ACME, "bob").block().recentItems());

        anotherClient.strings().sync().sadd("t:acme:u:bob:bought", "item-7");

        UserHistory fresh = awaitHistory("bob", history -> history.purchased().contains("item-7"));
        assertEquals(Set.of("item-7"), fresh.purchased());
        assertEquals(List.of("item-1"), fresh.recentItems());
    }

    @Test
    void anEventAppliedByThisReplicaIsSeenOnTheNextRead() {
        assertEquals(UserHistory.EMPTY, store.find(ACME, "carol").block());

        store.apply(List.of(new InteractionEvent(ACME, "carol", "item-3", EventType.PURCHASE, AT, Optional.empty()))).block();

        UserHistory fresh = awaitHistory("carol", history -> !history.recentItems().isEmpty());
        assertEquals(List.of("item-3"), fresh.recentItems());
        assertEquals(Set.of("item-3"), fresh.purchased());
    }

    @Test
    void anotherUsersHistoryStaysCachedWhenOneChanges() {
        anotherClient.strings().sync().lpush("t:acme:u:dan:recent", "item-1");
        anotherClient.strings().sync().lpush("t:acme:u:erin:recent", "item-2");
        store.find(ACME, "dan").block();
        store.find(ACME, "erin").block();

        anotherClient.strings().sync().lpush("t:acme:u:dan:recent", "item-5");
        awaitHistory("dan", history -> history.recentItems().contains("item-5"));
        long reads = calls("lrange");

        assertEquals(List.of("item-2"), store.find(ACME, "erin").block().recentItems());
        assertEquals(reads, calls("lrange"), "erin's history was not invalidated by dan's write");
    }

    /** Reads until {@code done} holds; fails after {@link #INVALIDATION_WAIT}. */
    private UserHistory awaitHistory(String user, java.util.function.Predicate<UserHistory> done) {
        long deadline = System.nanoTime() + INVALIDATION_WAIT.toNanos();
        UserHistory history = store.find(ACME, user).block();
        while (!done.test(history)) {
            assertTrue(System.nanoTime() < deadline, "still the cached history after " + INVALIDATION_WAIT + ": " + history);
            sleep();
            history = store.find(ACME, user).block();
        }
        return history;
    }

    /** Tracking is switched on asynchronously when the connection opens. */
    private void awaitTracking() {
        long deadline = System.nanoTime() + INVALIDATION_WAIT.toNanos();
        while (!anotherClient.strings().sync().clientList().contains("flags=t")) {
            assertTrue(System.nanoTime() < deadline, "no client with tracking on");
            sleep();
        }
    }

    /** How often Redis has run {@code command} since it started, from {@code INFO commandstats}. */
    private long calls(String command) {
        String prefix = "cmdstat_" + command + ":calls=";
        for (String line : anotherClient.strings().sync().info("commandstats").split("\r\n")) {
            if (line.startsWith(prefix)) {
                return Long.parseLong(line.substring(prefix.length(), line.indexOf(',')));
            }
        }
        return 0;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
