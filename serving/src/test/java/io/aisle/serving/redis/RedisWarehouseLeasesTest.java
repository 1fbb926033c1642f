package io.aisle.serving.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.dispatch.Dispatcher;
import io.aisle.robotics.dispatch.DispatcherCheckpoint;
import io.aisle.robotics.dispatch.DispatcherSettings;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.warehouse.WarehouseCheckpoints;
import io.aisle.serving.warehouse.WarehouseKey;
import io.aisle.serving.warehouse.WarehouseSpec;
import io.aisle.testing.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Leases and fenced checkpoints of warehouses against a real redis-server. */
class RedisWarehouseLeasesTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static final Duration TTL = Duration.ofMillis(300);
    private static RedisConnections connections;

    @BeforeAll
    static void connect() {
        connections = new RedisConnections(redis.uri());
    }

    @AfterAll
    static void disconnect() {
        connections.close();
    }

    private static WarehouseKey key(String warehouse) {
        return new WarehouseKey(new TenantId("acme"), warehouse);
    }

    /** A one-robot dispatcher's checkpoint after {@code ticks} ticks. */
    private static DispatcherCheckpoint checkpointAfter(int ticks) {
        WarehouseSpec spec = WarehouseSpec.parse(("{\"map\":\"type octile\\nheight 4\\nwidth 5\\nmap\\n.....\\n.@.@.\\n"
                + ".....\\n.....\\n\",\"robots\":[{\"id\":\"r-1\",\"cell\":12}],\"skuCount\":1,\"chargers\":0}")
                .getBytes(StandardCharsets.UTF_8));
        Dispatcher dispatcher = new Dispatcher(spec.layout(), List.of("r-1"), new int[] {12},
                DispatcherSettings.defaults(spec.actionModel()), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        for (int k = 0; k < ticks; k++) {
            dispatcher.tick();
        }
        return dispatcher.checkpoint();
    }

    @Test
    void leaseHeldByOneReplicaIsNeitherTakenNorRenewedByAnotherUntilItLapses() throws InterruptedException {
        RedisWarehouseLeases a = new RedisWarehouseLeases(connections, "a", TTL);
        RedisWarehouseLeases b = new RedisWarehouseLeases(connections, "b", TTL);
        long fenceA = a.acquire(key("w-held")).orElseThrow();

        assertEquals(OptionalLong.empty(), b.acquire(key("w-held")));
        assertFalse(b.renew(key("w-held"), fenceA), "b renewed a's lease");
        b.release(key("w-held"), fenceA);
        assertTrue(a.renew(key("w-held"), fenceA));
        Thread.sleep(TTL.toMillis() * 2);

        long fenceB = b.acquire(key("w-held")).orElseThrow();
        assertTrue(fenceB > fenceA, fenceA + " then " + fenceB);
        assertFalse(a.renew(key("w-held"), fenceA), "a renewed a lease that lapsed to b");
    }

    @Test
    void checkpointOfAReplicaThatLostItsLeaseIsRefusedAndTheNewOwnersIsKept() throws InterruptedException {
        RedisWarehouseLeases a = new RedisWarehouseLeases(connections, "a", TTL);
        RedisWarehouseLeases b = new RedisWarehouseLeases(connections, "b", TTL);
        RedisWarehouseCheckpoints checkpoints = new RedisWarehouseCheckpoints(connections);
        long fenceA = a.acquire(key("w-fenced")).orElseThrow();
        checkpoints.save(key("w-fenced"), fenceA, checkpointAfter(1));
        Thread.sleep(TTL.toMillis() * 2);
        long fenceB = b.acquire(key("w-fenced")).orElseThrow();
        assertEquals(1, checkpoints.find(key("w-fenced")).orElseThrow().tick(), "b resumes from a's last checkpoint");
        checkpoints.save(key("w-fenced"), fenceB, checkpointAfter(2));

        assertThrows(WarehouseCheckpoints.FencedOutException.class,
                () -> checkpoints.save(key("w-fenced"), fenceA, checkpointAfter(5)));
        assertEquals(2, checkpoints.find(key("w-fenced")).orElseThrow().tick());
    }
}
