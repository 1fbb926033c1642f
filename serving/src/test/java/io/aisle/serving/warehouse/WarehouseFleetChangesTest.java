package io.aisle.serving.warehouse;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import io.aisle.serving.testing.TestWarehouses;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fleet that changes while it runs, through the dispatch API on a real server: robots added and removed, a faulted
 * robot returned to service, order priorities, deadlines and cancellation, battery readings and parking cells.
 */
class WarehouseFleetChangesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * 5 rows x 8 columns in LoRR symbols: stations E at cells 0 and 7; storage S at 18, 20, 26 and 28, with pods
     * (holding sku-0) at 18 and 26; a charger, when one is asked for, on the first free cell by an edge or obstacle.
     */
    private static final String MAP = """
            type octile
            height 5
            width 8
            map
            E......E
            ........
            .@S.S.@.
            .@S.S.@.
            ........
            """;
    private static final long TELEMETRY_TIMEOUT_MILLIS = 4_000;

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static IssuedKey admin;
    private static IssuedKey wms;
    private static IssuedKey globexWms;
    private static final Map<String, IssuedKey> robotKeys = new HashMap<>();

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        tenants.create("globex");
        admin = tenants.key("acme", Role.ADMIN);
        wms = tenants.key("acme", Role.WMS);
        globexWms = tenants.key("globex", Role.WMS);
        for (String robot : new String[] {"r-1", "r-2", "r-9"}) {
            robotKeys.put(robot, tenants.robotKey("acme", robot));
        }
        Map<String, Object> properties = TestWarehouses.fastTicks(tenants);
        properties.put("aisle.warehouses.telemetry-timeout", TELEMETRY_TIMEOUT_MILLIS + "ms");
        server = RunningServer.start(properties);
        http = new SignedHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void register(String warehouse, String robots, int chargers) {
        TestWarehouses.register(server, admin, warehouse, "{\"map\":" + JSON.writeValueAsString(MAP) + ",\"robots\":"
                + robots + ",\"skuCount\":1,\"skusPerPod\":1,\"serviceSteps\":1,\"chargers\":" + chargers + ",\"seed\":3}");
    }

    private static HttpResponse<String> send(IssuedKey key, String method, String path, String json) {
        return server.send(http.signed(key.key().keyId(), key.secret(), method, path, json, Instant.now()).build());
    }

    private static JsonNode state(String warehouse) {
        return TestWarehouses.state(http, wms, warehouse);
    }

    private static JsonNode robotView(JsonNode state, String robot) {
        return TestWarehouses.robotView(state, robot);
    }

    private static JsonNode submit(String warehouse, String orderJson) {
        HttpResponse<String> response = http.post(wms, "/v1/warehouses/" + warehouse + "/orders", orderJson);
        assertEquals(202, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> telemetry(String warehouse, String robot, int cell, int heading, Double battery) {
        return http.post(robotKeys.get(robot), "/v1/warehouses/" + warehouse + "/robots/" + robot + "/telemetry",
                "{\"cell\":" + cell + ",\"heading\":" + heading + (battery == null ? "" : ",\"batteryPercent\":" + battery)
                        + "}");
    }

    /**
     * Drives every robot of the warehouse that is not silent until the state satisfies {@code done} (at most 30 s):
     * a robot with a command executes it and reports the target, any other reports its pose, so none times out.
     * {@code batteries} are readings sent with every report. Returns the last state.
     */
    private static JsonNode drive(String warehouse, Set<String> silent, Map<String, Double> batteries,
            Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode state = state(warehouse);
        while (!done.test(state)) {
            assertTrue(System.nanoTime() < deadline, "gave up waiting; last state " + state);
            for (JsonNode view : state.get("robots")) {
                String robot = view.get("robotId").asString();
                if (silent.contains(robot) || view.get("state").asString().equals("FAULTED")) {
                    continue;
                }
                HttpResponse<String> command = http.get(robotKeys.get(robot), "/v1/warehouses/" + warehouse + "/robots/"
                        + robot + "/commands");
                HttpResponse<String> report;
                if (command.statusCode() == 200) {
                    JsonNode next = JSON.readTree(command.body());
                    report = telemetry(warehouse, robot, next.get("targetCell").asInt(), next.get("targetHeading").asInt(),
                            batteries.get(robot));
                } else {
                    report = telemetry(warehouse, robot, view.get("cell").asInt(), view.get("heading").asInt(),
                            batteries.get(robot));
                }
                assertEquals(200, report.statusCode(), robot + ": " + report.body());
            }
            state = state(warehouse);
        }
        return state;
    }

    private static JsonNode drive(String warehouse, Predicate<JsonNode> done) {
        return drive(warehouse, Set.of(), Map.of(), done);
    }

    private static Predicate<JsonNode> linesPicked(int lines) {
        return state -> state.get("linesPicked").asInt() >= lines;
    }

    @Test
    void addedRobotIsGivenTheTaskAndPicksIt() {
        register("w-add", "[{\"id\":\"r-1\",\"cell\":12}]", 0);
        // r-1 reports a flat battery (there is no charger), so only the added robot can take the task.
        assertEquals(200, telemetry("w-add", "r-1", 12, 0, 5.0).statusCode());

        HttpResponse<String> added = send(wms, "PUT", "/v1/warehouses/w-add/fleet/r-9", "{\"cell\":36}");
        assertEquals(201, added.statusCode(), added.body());
        assertEquals("r-9", JSON.readTree(added.body()).get("robotId").asString());
        long taskId = submit("w-add", "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\"}]}").get("taskIds").get(0).asLong();

        drive("w-add", Set.of(), Map.of("r-1", 5.0), state -> robotView(state, "r-9").get("taskId").asLong() == taskId);
        JsonNode done = drive("w-add", Set.of(), Map.of("r-1", 5.0), linesPicked(1));
        assertEquals(1, done.get("ordersCompleted").asInt(), done.toString());
        assertEquals(-1, robotView(done, "r-1").get("taskId").asLong(), "the robot with a flat battery got no task");
    }

    @Test
    void removedRobotsTaskIsRedispatchedToAnotherRobot() {
        register("w-remove", "[{\"id\":\"r-1\",\"cell\":12},{\"id\":\"r-2\",\"cell\":36}]", 0);
        long taskId = submit("w-remove", "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\"}]}").get("taskIds").get(0).asLong();
        JsonNode assigned = drive("w-remove", state -> robotView(state, "r-1").get("taskId").asLong() == taskId
                || robotView(state, "r-2").get("taskId").asLong() == taskId);
        String holder = robotView(assigned, "r-1").get("taskId").asLong() == taskId ? "r-1" : "r-2";
        String other = holder.equals("r-1") ? "r-2" : "r-1";

        HttpResponse<String> removed = send(wms, "DELETE", "/v1/warehouses/w-remove/fleet/" + holder, null);
        assertEquals(200, removed.statusCode(), removed.body());

        JsonNode after = state("w-remove");
        assertEquals(1, after.get("robots").size(), after.toString());
        JsonNode done = drive("w-remove", linesPicked(1));
        assertEquals(other, done.get("robots").get(0).get("robotId").asString());
        assertProblem(http.get(robotKeys.get(holder), "/v1/warehouses/w-remove/robots/" + holder + "/commands"), 404,
                "not-found");
        assertProblem(send(wms, "DELETE", "/v1/warehouses/w-remove/fleet/" + holder, null), 404, "not-found");
    }

    @Test
    void faultedRobotReturnedToServiceReportsAgainAndPicksAnOrder() {
        register("w-repair", "[{\"id\":\"r-1\",\"cell\":12}]", 0);
        assertProblem(send(wms, "POST", "/v1/warehouses/w-repair/fleet/r-1/return-to-service", null), 409, "conflict");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TELEMETRY_TIMEOUT_MILLIS + 20_000);
        JsonNode faulted = state("w-repair");
        while (!robotView(faulted, "r-1").get("state").asString().equals("FAULTED")) {
            assertTrue(System.nanoTime() < deadline, "the silent robot was never faulted: " + faulted);
            faulted = state("w-repair");
        }
        assertTrue(faulted.get("blockedCells").toString().contains("12"), faulted.toString());
        assertProblem(telemetry("w-repair", "r-1", 12, 0, null), 409, "conflict");

        HttpResponse<String> repaired = send(wms, "POST", "/v1/warehouses/w-repair/fleet/r-1/return-to-service", null);
        assertEquals(200, repaired.statusCode(), repaired.body());
        JsonNode back = state("w-repair");
        assertEquals("IDLE", robotView(back, "r-1").get("state").asString());
        assertEquals("[]", back.get("blockedCells").toString());

        submit("w-repair", "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\"}]}");
        assertEquals(1, drive("w-repair", linesPicked(1)).get("ordersCompleted").asInt());
    }

    @Test
    void higherPriorityOrderIsServedBeforeAnEarlierLowerOne() {
        register("w-priority", "[{\"id\":\"r-1\",\"cell\":12}]", 0);
        // Unavailable (flat battery) while both orders arrive, so the first tick that can assign sees both.
        assertEquals(200, telemetry("w-priority", "r-1", 12, 0, 5.0).statusCode());
        submit("w-priority", "{\"orderId\":\"o-low\",\"lines\":[{\"sku\":\"sku-0\"}]}");
        long urgent = submit("w-priority", "{\"orderId\":\"o-high\",\"priority\":5,\"lines\":[{\"sku\":\"sku-0\"}]}")
                .get("taskIds").get(0).asLong();
        assertEquals(200, telemetry("w-priority", "r-1", 12, 0, 90.0).statusCode());

        JsonNode assigned = drive("w-priority", Set.of(), Map.of("r-1", 90.0),
                state -> robotView(state, "r-1").get("taskId").asLong() >= 0);
        assertEquals(urgent, robotView(assigned, "r-1").get("taskId").asLong(), assigned.toString());
    }

    @Test
    void orderPastItsDeadlineIsReportedInTheState() {
        register("w-deadline", "[{\"id\":\"r-1\",\"cell\":12}]", 0);
        submit("w-deadline", "{\"orderId\":\"o-late\",\"deadline\":\"2020-01-01T00:00:00Z\",\"lines\":[{\"sku\":\"sku-0\"}]}");
        submit("w-deadline", "{\"orderId\":\"o-early\",\"deadline\":\"2999-01-01T00:00:00Z\",\"lines\":[{\"sku\":\"sku-0\"}]}");

        JsonNode state = state("w-deadline");
        assertEquals(1, state.get("missedDeadlines").size(), state.toString());
        JsonNode late = state.get("missedDeadlines").get(0);
        assertEquals("o-late", late.get("orderId").asString());
        assertEquals(Instant.parse("2020-01-01T00:00:00Z").toEpochMilli(), late.get("deadlineEpochMillis").asLong());
        assertEquals("OPEN", late.get("state").asString());
    }

    @Test
    void cancellingReleasesTheQueuedTaskAndReturnsTheCarriedPod() {
        register("w-cancel", "[{\"id\":\"r-1\",\"cell\":12}]", 0);
        JsonNode receipt = submit("w-cancel", "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\"},{\"sku\":\"sku-0\"}]}");
        JsonNode carrying = drive("w-cancel", state -> robotView(state, "r-1").get("state").asString().equals("CARRYING"));
        long carried = robotView(carrying, "r-1").get("taskId").asLong();
        long queued = receipt.get("taskIds").get(0).asLong() == carried ? receipt.get("taskIds").get(1).asLong()
                : receipt.get("taskIds").get(0).asLong();

        HttpResponse<String> cancelled = http.post(wms, "/v1/warehouses/w-cancel/orders/o-1/cancel", null);
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        JsonNode body = JSON.readTree(cancelled.body());
        assertEquals("[" + queued + "]", body.get("releasedTaskIds").toString());
        assertEquals(1, body.get("returningPodIds").size(), body.toString());
        assertEquals(0, state("w-cancel").get("queuedTasks").asInt());

        JsonNode back = drive("w-cancel", state -> robotView(state, "r-1").get("state").asString().equals("IDLE"));
        assertEquals(-1, robotView(back, "r-1").get("taskId").asLong());
        assertEquals(0, back.get("linesPicked").asInt(), back.toString());
        assertEquals(1, back.get("ordersCancelled").asInt(), back.toString());
        Set<Integer> storage = Set.of(18, 20, 26, 28);
        assertTrue(storage.contains(robotView(back, "r-1").get("cell").asInt()), "the pod was set down in storage: " + back);

        assertProblem(http.post(wms, "/v1/warehouses/w-cancel/orders/o-1/cancel", null), 409, "conflict");
        assertProblem(http.post(wms, "/v1/warehouses/w-cancel/orders/o-404/cancel", null), 404, "not-found");
    }

    @Test
    void batteryReadingFromTelemetrySendsTheRobotToChargeUntilItReportsFull() {
        register("w-battery", "[{\"id\":\"r-1\",\"cell\":36}]", 1);
        int charger = JSON.readTree(http.get(wms, "/v1/warehouses/w-battery/layout").body()).get("chargers").get(0).asInt();
        assertEquals(200, telemetry("w-battery", "r-1", 36, 0, 10.0).statusCode());
        JsonNode charging = drive("w-battery", Set.of(), Map.of("r-1", 10.0),
                state -> robotView(state, "r-1").get("cell").asInt() == charger);
        assertEquals("CHARGING", robotView(charging, "r-1").get("state").asString());
        assertEquals(10.0, robotView(charging, "r-1").get("batteryPercent").asDouble(), 1e-9);

        JsonNode full = drive("w-battery", Set.of(), Map.of("r-1", 100.0),
                state -> robotView(state, "r-1").get("state").asString().equals("IDLE"));
        assertEquals(100.0, robotView(full, "r-1").get("batteryPercent").asDouble(), 1e-9);
        assertEquals(charger, robotView(full, "r-1").get("cell").asInt());
    }

    @Test
    void idleRobotsDriveToTheParkingCells() {
        register("w-parking", "[{\"id\":\"r-1\",\"cell\":12},{\"id\":\"r-2\",\"cell\":11}]", 0);
        for (int cell : new int[] {32, 39}) {
            HttpResponse<String> parked = send(wms, "PUT", "/v1/warehouses/w-parking/parking-cells/" + cell, null);
            assertEquals(200, parked.statusCode(), parked.body());
        }
        assertEquals("[32,39]", state("w-parking").get("parkingCells").toString());

        JsonNode parked = drive("w-parking", state -> {
            Set<Integer> cells = new HashSet<>();
            state.get("robots").forEach(robot -> cells.add(robot.get("cell").asInt()));
            return cells.equals(Set.of(32, 39));
        });
        for (JsonNode robot : parked.get("robots")) {
            assertEquals("IDLE", robot.get("state").asString());
        }
        HttpResponse<String> removed = send(wms, "DELETE", "/v1/warehouses/w-parking/parking-cells/39", null);
        assertEquals(JSON.readTree("{\"cell\":39,\"parking\":false,\"changed\":true}"), JSON.readTree(removed.body()));
    }

    @Test
    void malformedFleetOrderAndTelemetryInputAnswers400AndChangesNothing() {
        register("w-bad-input", "[{\"id\":\"r-1\",\"cell\":12}]", 0);
        String fleet = "/v1/warehouses/w-bad-input/fleet/";
        assertProblem(send(wms, "PUT", fleet + "r-9", "{\"cell\":40}"), 400, "invalid-request");
        assertProblem(send(wms, "PUT", fleet + "r-9", "{\"cell\":17}"), 400, "invalid-request");
        assertProblem(send(wms, "PUT", fleet + "r-9", "{}"), 400, "invalid-request");
        assertProblem(send(wms, "PUT", fleet + "r-9", "not json"), 400, "malformed-body");
        assertProblem(send(wms, "PUT", fleet + "bad%20id", "{\"cell\":36}"), 400, "invalid-request");
        assertProblem(send(wms, "PUT", fleet + "r-9", "{\"cell\":12}"), 409, "conflict");
        assertProblem(send(wms, "PUT", fleet + "r-1", "{\"cell\":36}"), 409, "conflict");
        assertProblem(send(wms, "PUT", "/v1/warehouses/w-bad-input/parking-cells/17", null), 400, "invalid-request");

        String orders = "/v1/warehouses/w-bad-input/orders";
        HttpResponse<String> priority = http.post(wms, orders, "{\"orderId\":\"o-1\",\"priority\":\"high\",\"lines\":[{\"sku\":\"sku-0\"}]}");
        assertProblem(priority, 400, "invalid-request");
        assertTrue(priority.body().contains("priority"), priority.body());
        HttpResponse<String> deadline = http.post(wms, orders, "{\"orderId\":\"o-1\",\"deadline\":\"tomorrow\",\"lines\":[{\"sku\":\"sku-0\"}]}");
        assertProblem(deadline, 400, "invalid-request");
        assertTrue(deadline.body().contains("deadline"), deadline.body());
        HttpResponse<String> battery = telemetry("w-bad-input", "r-1", 12, 0, 150.0);
        assertProblem(battery, 400, "invalid-request");
        assertTrue(battery.body().contains("batteryPercent"), battery.body());

        JsonNode state = state("w-bad-input");
        assertEquals(1, state.get("robots").size(), state.toString());
        assertEquals(0, state.get("queuedTasks").asInt(), state.toString());
        assertEquals(100.0, robotView(state, "r-1").get("batteryPercent").asDouble(), 1.0);
        assertEquals("[]", state.get("parkingCells").toString());
    }

    @Test
    void fleetChangesWithoutTheWmsRoleAnswer403AndChangeNothing() {
        register("w-role", "[{\"id\":\"r-1\",\"cell\":12}]", 0);
        submit("w-role", "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\"}]}");
        IssuedKey robot = robotKeys.get("r-1");
        assertProblem(send(robot, "PUT", "/v1/warehouses/w-role/fleet/r-9", "{\"cell\":36}"), 403, "forbidden-role");
        assertProblem(send(admin, "DELETE", "/v1/warehouses/w-role/fleet/r-1", null), 403, "forbidden-role");
        assertProblem(send(robot, "POST", "/v1/warehouses/w-role/fleet/r-1/return-to-service", null), 403, "forbidden-role");
        assertProblem(send(admin, "POST", "/v1/warehouses/w-role/orders/o-1/cancel", null), 403, "forbidden-role");
        assertProblem(send(robot, "PUT", "/v1/warehouses/w-role/parking-cells/36", null), 403, "forbidden-role");
        JsonNode state = state("w-role");
        assertEquals(1, state.get("robots").size(), state.toString());
        assertEquals(0, state.get("ordersCancelled").asInt(), state.toString());
        assertEquals("[]", state.get("parkingCells").toString());
    }

    @Test
    void anotherTenantsWarehouseAnswers404ToFleetChanges() {
        register("w-private-fleet", "[{\"id\":\"r-1\",\"cell\":12}]", 0);
        submit("w-private-fleet", "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\"}]}");
        String base = "/v1/warehouses/w-private-fleet";
        assertProblem(send(globexWms, "PUT", base + "/fleet/r-9", "{\"cell\":36}"), 404, "not-found");
        assertProblem(send(globexWms, "DELETE", base + "/fleet/r-1", null), 404, "not-found");
        assertProblem(send(globexWms, "POST", base + "/fleet/r-1/return-to-service", null), 404, "not-found");
        assertProblem(send(globexWms, "POST", base + "/orders/o-1/cancel", null), 404, "not-found");
        assertProblem(send(globexWms, "PUT", base + "/parking-cells/36", null), 404, "not-found");
        JsonNode state = state("w-private-fleet");
        assertEquals(1, state.get("robots").size(), state.toString());
        assertEquals(0, state.get("ordersCancelled").asInt(), state.toString());
        assertFalse(state.get("parkingCells").toString().contains("36"), state.toString());
    }
}
