package io.aisle.serving.warehouse;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.dispatch.DispatcherCheckpoint;
import io.aisle.robotics.dispatch.RobotState;
import io.aisle.serving.redis.RedisConnections;
import io.aisle.serving.redis.RedisWarehouseCheckpoints;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.testing.CuttableTcpLink;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import io.aisle.serving.testing.TestWarehouses;
import io.aisle.testing.RedisServerExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two replicas sharing one Redis and one home, with the default lease settings (TTL 2.5 s, renewed every half second).
 * The owner reaches Redis through a link the test cuts: the owner then neither renews its lease nor writes
 * checkpoints, as after a long pause, a partition or a kill -9.
 */
class WarehouseScaleOutTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Pods carrying sku-0 next to the obstacles, stations on rows 0 and 5. */
    private static final String AISLES = "type octile\nheight 6\nwidth 7\nmap\n.......\n.@.@.@.\n.......\n"
            + ".......\n.@.@.@.\n.......\n";
    private static final String REGISTRATION = "{\"map\":" + JSON.writeValueAsString(AISLES)
            + ",\"robots\":[{\"id\":\"r-1\",\"cell\":16}],\"skuCount\":1,\"skusPerPod\":1,\"serviceSteps\":1,"
            + "\"chargers\":0,\"seed\":3}";
    private static final String ORDER = "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\"}]}";

    @TempDir
    Path home;

    private TestTenants tenants;
    private IssuedKey admin;
    private IssuedKey wms;
    private IssuedKey robot;

    /** One tick some replica ran. */
    private record Tick(String replica, long fence, long startNanos, long endNanos) {
    }

    @BeforeEach
    void tenants() {
        tenants = new TestTenants(home);
        tenants.create("acme");
        TestWarehouses.Keys keys = TestWarehouses.Keys.issue(tenants, "acme");
        admin = keys.admin();
        wms = keys.wms();
        robot = tenants.robotKey("acme", "r-1");
    }

    private RunningServer replica(String redisUrl) {
        Map<String, Object> properties = TestWarehouses.fastTicks(tenants);
        properties.put("aisle.redis-url", redisUrl);
        return RunningServer.start(properties);
    }

    private static void recordTicks(String name, RunningServer replica, List<Tick> ticks) {
        replica.context().getBean(WarehouseTicker.class)
                .addTickListener((key, fence, start, end) -> ticks.add(new Tick(name, fence, start, end)));
    }

    private void register(RunningServer server, String warehouse) {
        TestWarehouses.register(server, admin, warehouse, REGISTRATION);
    }

    /** The state as the replica answers it, once it knows the warehouse (it rescans the registrations). */
    private JsonNode awaitState(RunningServer server, String warehouse) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            HttpResponse<String> state = new SignedHttp(server).get(wms, "/v1/warehouses/" + warehouse + "/state");
            if (state.statusCode() == 200) {
                return JSON.readTree(state.body());
            }
            assertTrue(System.nanoTime() < deadline, "no state within 15 s: " + state.statusCode() + " " + state.body());
            Thread.sleep(50);
        }
    }

    private static List<Tick> of(List<Tick> ticks, String replica) {
        synchronized (ticks) {
            return ticks.stream().filter(tick -> tick.replica().equals(replica)).toList();
        }
    }

    private static boolean runs(RunningServer replica, String warehouse) {
        return replica.context().getBean(WarehouseOwnership.class)
                .findOwned(new WarehouseKey(new TenantId("acme"), warehouse)).isPresent();
    }

    @Test
    void neverTwoReplicasTickOneWarehouseAtOnceWhenTheOwnerLosesItsLeaseToAPartition() throws Exception {
        List<Tick> ticks = Collections.synchronizedList(new ArrayList<>());
        try (CuttableTcpLink link = new CuttableTcpLink(redis.port());
             RunningServer a = replica("redis://127.0.0.1:" + link.port())) {
            recordTicks("a", a, ticks);
            register(a, "w-lease");
            try (RunningServer b = replica(redis.uri())) {
                recordTicks("b", b, ticks);
                awaitState(b, "w-lease");
                Thread.sleep(2_000);
                link.cut();
                Thread.sleep(6_000);
                link.heal();
                Thread.sleep(3_000);

                List<Tick> ofA = of(ticks, "a");
                List<Tick> ofB = of(ticks, "b");
                assertFalse(ofA.isEmpty(), "the first owner never ticked");
                assertFalse(ofB.isEmpty(), "the second replica never took over");
                long fenceA = ofA.get(0).fence();
                long fenceB = ofB.get(0).fence();
                assertTrue(ofA.stream().allMatch(tick -> tick.fence() == fenceA), "a ticked under a second lease");
                assertTrue(ofB.stream().allMatch(tick -> tick.fence() == fenceB), "b ticked under a second lease");
                assertTrue(fenceB > fenceA, "fencing tokens " + fenceA + " then " + fenceB);
                long lastEndOfA = ofA.stream().mapToLong(Tick::endNanos).max().orElseThrow();
                long firstStartOfB = ofB.stream().mapToLong(Tick::startNanos).min().orElseThrow();
                assertTrue(lastEndOfA < firstStartOfB, "a's last tick ended "
                        + TimeUnit.NANOSECONDS.toMillis(lastEndOfA - firstStartOfB) + " ms after b's first began");
                System.out.printf("lease moved: a's last tick ended %d ms before b's first%n",
                        TimeUnit.NANOSECONDS.toMillis(firstStartOfB - lastEndOfA));
                assertFalse(runs(a, "w-lease"), "a still runs the warehouse after the partition healed");
                assertTrue(runs(b, "w-lease"));
                // Lettuce reconnects with a growing back-off, so a may need a few seconds to reach Redis again.
                assertEquals("w-lease", awaitState(a, "w-lease").get("warehouse").asString(), "a answers through the relay");
            }
        }
    }

    @Test
    void anotherReplicaTakesOverFromTheCheckpointWhenTheOwnerIsCutOffAndKeepsTheOrderPostedThroughIt() throws Exception {
        List<Tick> ticks = Collections.synchronizedList(new ArrayList<>());
        try (CuttableTcpLink link = new CuttableTcpLink(redis.port());
             RunningServer a = replica("redis://127.0.0.1:" + link.port())) {
            register(a, "w-takeover");
            try (RunningServer b = replica(redis.uri())) {
                recordTicks("b", b, ticks);
                awaitState(b, "w-takeover");
                SignedHttp viaB = new SignedHttp(b);
                HttpResponse<String> accepted = viaB.post(wms, "/v1/warehouses/w-takeover/orders", ORDER);
                assertEquals(202, accepted.statusCode(), accepted.body());
                long taskId = JSON.readTree(accepted.body()).get("taskIds").get(0).asLong();
                HttpResponse<String> command = viaB.get(robot, "/v1/warehouses/w-takeover/robots/r-1/commands?waitMillis=10000");
                assertEquals(200, command.statusCode(), command.body());
                JsonNode next = JSON.readTree(command.body());
                HttpResponse<String> telemetry = viaB.post(robot, "/v1/warehouses/w-takeover/robots/r-1/telemetry",
                        "{\"cell\":" + next.get("targetCell").asInt() + ",\"heading\":" + next.get("targetHeading").asInt() + "}");
                assertEquals(200, telemetry.statusCode(), telemetry.body());
                assertTrue(runs(a, "w-takeover") && !runs(b, "w-takeover"), "b relayed to a");
                assertTrue(ticks.isEmpty());

                long diedAt = System.nanoTime();
                // Cut off for good, a neither renews, checkpoints nor releases: to the others, a kill -9. (Closing one
                // of two servers in one JVM would also stop the Reactor Netty loops the other one shares.)
                link.cut();
                long deadline = diedAt + TimeUnit.SECONDS.toNanos(15);
                while (ticks.isEmpty()) {
                    assertTrue(System.nanoTime() < deadline, "b did not take over within 15 s");
                    Thread.sleep(10);
                }
                long pauseMillis = TimeUnit.NANOSECONDS.toMillis(ticks.get(0).startNanos() - diedAt);
                System.out.printf("takeover pause: %d ms from the owner's death to the first tick on b%n", pauseMillis);
                // The lease lapses 2.5 s after the last renewal (at most 0.5 s before the death) and b tries every
                // half second: at most 3 s, with 5 s more for a loaded machine.
                assertTrue(pauseMillis < 8_000, "takeover took " + pauseMillis + " ms");

                JsonNode state = awaitState(b, "w-takeover");
                boolean taskKept = state.get("queuedTasks").asInt() == 1
                        || state.get("robots").get(0).get("taskId").asLong() == taskId;
                assertTrue(taskKept, "the order's task is gone: " + state);
                assertProblem(viaB.post(wms, "/v1/warehouses/w-takeover/orders", ORDER), 409, "conflict");
            }
        }
    }

    @Test
    void aRobotFaultedAsSilentIsInTheSharedCheckpointAtOnce() throws Exception {
        Map<String, Object> properties = TestWarehouses.fastTicks(tenants);
        properties.put("aisle.redis-url", redis.uri());
        properties.put("aisle.warehouses.telemetry-timeout", "500ms");
        // No periodic checkpoint within the test: only the fault itself can write one.
        properties.put("aisle.warehouses.checkpoint-every-ticks", "1000000");
        try (RunningServer server = RunningServer.start(properties)) {
            register(server, "w-silent");
            WarehouseKey key = new WarehouseKey(new TenantId("acme"), "w-silent");
            WarehouseCheckpoints checkpoints = new RedisWarehouseCheckpoints(server.context().getBean(RedisConnections.class));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                Optional<DispatcherCheckpoint> saved = checkpoints.find(key);
                if (saved.isPresent() && saved.get().robots().get(0).state() == RobotState.FAULTED) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "the silent robot's fault was not checkpointed within 10 s: " + saved);
                Thread.sleep(20);
            }
        }
    }
}
