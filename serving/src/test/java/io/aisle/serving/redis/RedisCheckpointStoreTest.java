package io.aisle.serving.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.store.CheckpointStoreUnavailableException;
import io.aisle.serving.store.StoreCheckpoint;
import io.aisle.serving.store.StoreFeed;
import io.aisle.serving.store.StoreKey;
import io.aisle.serving.store.UnreadableCheckpointException;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.testing.RedisServerExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Store checkpoints in a real redis-server. */
class RedisCheckpointStoreTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static RedisConnections connections;
    private static RedisCheckpointStore checkpoints;

    @BeforeAll
    static void connect() {
        connections = new RedisConnections(redis.uri());
        checkpoints = new RedisCheckpointStore(connections);
    }

    @AfterAll
    static void disconnect() {
        connections.close();
    }

    private static StoreCheckpoint checkpoint(StoreKey store, long nextOffset) {
        return new StoreCheckpoint(store.wireKey(), nextOffset, new byte[] {1, 2, 3}, new byte[] {4, 5},
                new StoreFeed.State(7, List.of(), Map.of()));
    }

    @Test
    void keepsACheckpointUnderItsTenantsPrefixAndListsItsStore() {
        StoreKey store = new StoreKey(new TenantId("acme"), "kept-1");
        checkpoints.save(store, checkpoint(store, 42));

        StoreCheckpoint found = checkpoints.find(store).orElseThrow();

        assertEquals(42, found.nextOffset());
        assertArrayEquals(new byte[] {4, 5}, found.cameraSnapshot());
        assertEquals(7, found.feed().nextSeq());
        assertEquals(1, connections.strings().sync().exists("t:acme:store:kept-1:checkpoint"));
        assertTrue(checkpoints.stores().contains(store), checkpoints.stores().toString());
        assertTrue(checkpoints.find(new StoreKey(new TenantId("globex"), "kept-1")).isEmpty(),
                "another tenant's store of the same id has no checkpoint");
    }

    @Test
    void refusesAValueThatIsNotACheckpointNamingTheStoreAndItsKey() {
        StoreKey store = new StoreKey(new TenantId("acme"), "corrupt-1");
        connections.strings().sync().hset(RedisCheckpointStore.key(store), Map.of("nextOffset", "5", "checkpoint", "garbage"));

        UnreadableCheckpointException refused = assertThrows(UnreadableCheckpointException.class, () -> checkpoints.find(store));

        assertTrue(refused.getMessage().contains("acme:corrupt-1") && refused.getMessage().contains("t:acme:store:corrupt-1:checkpoint"),
                refused.getMessage());
    }

    @Test
    void refusesAValueOfAnotherRedisTypeUnderTheKey() {
        StoreKey store = new StoreKey(new TenantId("acme"), "foreign-1");
        connections.strings().sync().set(RedisCheckpointStore.key(store), "{\"offset\": 12}");

        assertThrows(UnreadableCheckpointException.class, () -> checkpoints.find(store));
    }

    @Test
    void refusesTheCheckpointOfAnotherStoreCopiedUnderTheKey() {
        StoreKey store = new StoreKey(new TenantId("acme"), "copied-1");
        StoreKey other = new StoreKey(new TenantId("globex"), "copied-1");
        checkpoints.save(other, checkpoint(other, 3));
        connections.bytes().sync().copy(RedisCheckpointStore.key(other), RedisCheckpointStore.key(store));

        assertThrows(UnreadableCheckpointException.class, () -> checkpoints.find(store));
    }

    @Test
    void keepsTheNewerCheckpointWhenAWorkerThatLostTheStoreWritesAnOlderOne() {
        StoreKey store = new StoreKey(new TenantId("acme"), "fenced-1");
        checkpoints.save(store, checkpoint(store, 90));

        assertThrows(CheckpointStoreUnavailableException.class, () -> checkpoints.save(store, checkpoint(store, 75)));

        assertEquals(90, checkpoints.find(store).orElseThrow().nextOffset());
    }
}
