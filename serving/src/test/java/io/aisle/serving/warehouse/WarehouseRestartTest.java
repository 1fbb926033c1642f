package io.aisle.serving.warehouse;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import io.aisle.serving.testing.TestWarehouses;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Registrations and dispatcher state outlive the server: a new server on the same home resumes the warehouses. */
class WarehouseRestartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MAP = "type octile\nheight 4\nwidth 5\nmap\n.....\n.@.@.\n.....\n.....\n";
    /** The 6 x 7 map of the endpoint tests: pods carrying sku-0 next to the obstacles, stations on rows 0 and 5. */
    private static final String AISLES = "type octile\nheight 6\nwidth 7\nmap\n.......\n.@.@.@.\n.......\n"
            + ".......\n.@.@.@.\n.......\n";

    @TempDir
    Path home;

    private TestTenants tenants;
    private IssuedKey admin;
    private IssuedKey wms;
    private Map<String, Object> properties;

    @BeforeEach
    void tenants() {
        tenants = new TestTenants(home);
        tenants.create("acme");
        TestWarehouses.Keys keys = TestWarehouses.Keys.issue(tenants, "acme");
        admin = keys.admin();
        wms = keys.wms();
        properties = TestWarehouses.fastTicks(tenants);
    }

    private void register(RunningServer server, String warehouse, String registration) {
        TestWarehouses.register(server, admin, warehouse, registration);
    }

    private JsonNode state(RunningServer server, String warehouse) {
        HttpResponse<String> state = new SignedHttp(server).get(wms, "/v1/warehouses/" + warehouse + "/state");
        assertEquals(200, state.statusCode(), state.body());
        return JSON.readTree(state.body());
    }

    @Test
    void registeredWarehouseIsRunningAgainAfterARestart() {
        String registration = "{\"map\":" + JSON.writeValueAsString(MAP)
                + ",\"robots\":[{\"id\":\"r-1\",\"cell\":12}],\"skuCount\":1,\"chargers\":0}";
        try (RunningServer first = RunningServer.start(tenants.serverProperties())) {
            register(first, "w-1", registration);
        }
        try (RunningServer second = RunningServer.start(tenants.serverProperties())) {
            JsonNode robot = state(second, "w-1").get("robots").get(0);
            assertEquals("r-1", robot.get("robotId").asString());
            assertEquals(12, robot.get("cell").asInt());
        }
    }

    /**
     * Robots that execute each command at once and report it, one at a time, tracking where they really are;
     * after every move no two of them may share a cell (moving one at a time, a swap would show as one).
     */
    private static final class DrivenRobots {
        private final IssuedKey wms;
        private final Map<String, IssuedKey> keys = new LinkedHashMap<>();
        private final Map<String, int[]> poses = new HashMap<>();

        DrivenRobots(IssuedKey wms) {
            this.wms = wms;
        }

        void add(String robot, IssuedKey key, int cell) {
            keys.put(robot, key);
            poses.put(robot, new int[] {cell, 0});
        }

        /** Every robot reports where it is, as a robot does when its server comes back. */
        void reportPoses(SignedHttp http) {
            keys.forEach((robot, key) -> {
                int[] pose = poses.get(robot);
                HttpResponse<String> telemetry = http.post(key, "/v1/warehouses/w-resume/robots/" + robot + "/telemetry",
                        "{\"cell\":" + pose[0] + ",\"heading\":" + pose[1] + "}");
                assertEquals(200, telemetry.statusCode(), telemetry.body());
            });
        }

        void driveUntil(SignedHttp http, Predicate<JsonNode> done) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!done.test(JSON.readTree(http.get(wms, "/v1/warehouses/w-resume/state").body()))) {
                assertTrue(System.nanoTime() < deadline, "the warehouse did not get there in 30 s");
                keys.forEach((robot, key) -> {
                    String channel = "/v1/warehouses/w-resume/robots/" + robot;
                    HttpResponse<String> command = http.get(key, channel + "/commands");
                    if (command.statusCode() == 204) {
                        return;
                    }
                    assertEquals(200, command.statusCode(), command.body());
                    JsonNode next = JSON.readTree(command.body());
                    int[] pose = {next.get("targetCell").asInt(), next.get("targetHeading").asInt()};
                    poses.put(robot, pose);
                    Set<Integer> cells = new HashSet<>();
                    poses.values().forEach(p -> assertTrue(cells.add(p[0]), "two robots in cell " + p[0]));
                    HttpResponse<String> telemetry = http.post(key, channel + "/telemetry",
                            "{\"cell\":" + pose[0] + ",\"heading\":" + pose[1] + "}");
                    assertEquals(200, telemetry.statusCode(), telemetry.body());
                });
            }
        }
    }

    @Test
    void unfinishedOrdersCompleteAfterAGracefulRestartWithNoLineLostOrPickedTwice() {
        DrivenRobots fleet = new DrivenRobots(wms);
        fleet.add("r-1", tenants.robotKey("acme", "r-1"), 16);
        fleet.add("r-2", tenants.robotKey("acme", "r-2"), 18);
        fleet.add("r-3", tenants.robotKey("acme", "r-3"), 25);
        String registration = "{\"map\":" + JSON.writeValueAsString(AISLES) + ",\"robots\":[{\"id\":\"r-1\",\"cell\":16},"
                + "{\"id\":\"r-2\",\"cell\":18},{\"id\":\"r-3\",\"cell\":25}],\"skuCount\":1,\"skusPerPod\":1,"
                + "\"serviceSteps\":1,\"chargers\":0,\"seed\":3}";
        String[] orders = {
            "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\"}]}",
            "{\"orderId\":\"o-2\",\"lines\":[{\"sku\":\"sku-0\"},{\"sku\":\"sku-0\"}]}",
            "{\"orderId\":\"o-3\",\"lines\":[{\"sku\":\"sku-0\"}]}",
            "{\"orderId\":\"o-4\",\"lines\":[{\"sku\":\"sku-0\"}]}"};
        long tickAtStop;
        try (RunningServer first = RunningServer.start(properties)) {
            register(first, "w-resume", registration);
            SignedHttp http = new SignedHttp(first);
            for (String order : orders) {
                assertEquals(202, http.post(wms, "/v1/warehouses/w-resume/orders", order).statusCode());
            }
            fleet.driveUntil(http, state -> state.get("linesPicked").asLong() >= 2);
            JsonNode midRun = state(first, "w-resume");
            assertTrue(midRun.get("ordersCompleted").asLong() < orders.length, midRun.toString());
            tickAtStop = midRun.get("tick").asLong();
        }
        assertTrue(Files.isRegularFile(home.resolve("warehouses/acme/w-resume/state.json")));

        try (RunningServer second = RunningServer.start(properties)) {
            SignedHttp http = new SignedHttp(second);
            assertTrue(state(second, "w-resume").get("tick").asLong() >= tickAtStop, "the step counter is restored");
            fleet.reportPoses(http);
            fleet.driveUntil(http, state -> state.get("ordersCompleted").asLong() == orders.length);
            JsonNode done = state(second, "w-resume");
            assertEquals(5, done.get("linesPicked").asLong(), done.toString());
            assertEquals(0, done.get("queuedTasks").asInt(), done.toString());
            assertProblem(http.post(wms, "/v1/warehouses/w-resume/orders", orders[0]), 409, "conflict");
        }
    }

    @Test
    void runningServerCheckpointsEveryNTicksWithoutStopping() throws InterruptedException {
        properties.put("aisle.warehouses.checkpoint-every-ticks", "2");
        String registration = "{\"map\":" + JSON.writeValueAsString(MAP)
                + ",\"robots\":[{\"id\":\"r-1\",\"cell\":12}],\"skuCount\":1,\"chargers\":0}";
        Path stateFile = home.resolve("warehouses/acme/w-periodic/state.json");
        try (RunningServer server = RunningServer.start(properties)) {
            register(server, "w-periodic", registration);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.isRegularFile(stateFile) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Files.isRegularFile(stateFile), "no checkpoint while running");
            assertTrue(JSON.readTree(stateFile.toFile()).get("tick").asLong() >= 1);
        }
    }

    @Test
    void corruptStateFileIsSetAsideAndTheWarehouseStartsEmpty() throws IOException {
        String registration = "{\"map\":" + JSON.writeValueAsString(MAP)
                + ",\"robots\":[{\"id\":\"r-1\",\"cell\":12}],\"skuCount\":1,\"chargers\":0}";
        String order = "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\"}]}";
        try (RunningServer first = RunningServer.start(properties)) {
            register(first, "w-corrupt", registration);
            assertEquals(202, new SignedHttp(first).post(wms, "/v1/warehouses/w-corrupt/orders", order).statusCode());
        }
        Path stateFile = home.resolve("warehouses/acme/w-corrupt/state.json");
        Files.writeString(stateFile, "{\"tick\": 12, \"robots\": [");

        try (RunningServer second = RunningServer.start(properties)) {
            JsonNode state = state(second, "w-corrupt");
            assertEquals(0, state.get("queuedTasks").asInt(), state.toString());
            assertEquals(-1, state.get("robots").get(0).get("taskId").asLong(), state.toString());
            assertEquals(12, state.get("robots").get(0).get("cell").asInt(), state.toString());
            assertEquals(202, new SignedHttp(second).post(wms, "/v1/warehouses/w-corrupt/orders", order).statusCode());
        }
        assertEquals("{\"tick\": 12, \"robots\": [", Files.readString(stateFile.resolveSibling("state.json.corrupt")));
    }
}
