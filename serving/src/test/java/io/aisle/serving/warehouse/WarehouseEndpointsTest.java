package io.aisle.serving.warehouse;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import io.aisle.serving.testing.TestWarehouses;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The warehouse dispatch endpoints on a real server, with robots driven over signed HTTP. */
class WarehouseEndpointsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * 6 rows x 7 columns: the top and bottom rows are stations, free cells next to an obstacle or the edge are
     * storage (every other one holds a pod carrying sku-0), and cells 16, 18, 23 and 25 are open aisle.
     */
    private static final String MAP = """
            type octile
            height 6
            width 7
            map
            .......
            .@.@.@.
            .......
            .......
            .@.@.@.
            .......
            """;
    private static final String ROBOTS = "[{\"id\":\"r-1\",\"cell\":16},{\"id\":\"r-2\",\"cell\":18},{\"id\":\"r-3\",\"cell\":25}]";

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static IssuedKey acmeAdmin;
    private static IssuedKey acmeWms;
    private static IssuedKey robot1;
    private static IssuedKey robot2;
    private static IssuedKey robot3;
    private static IssuedKey globexWms;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        tenants.create("globex");
        acmeAdmin = tenants.key("acme", Role.ADMIN);
        acmeWms = tenants.key("acme", Role.WMS);
        robot1 = tenants.robotKey("acme", "r-1");
        robot2 = tenants.robotKey("acme", "r-2");
        robot3 = tenants.robotKey("acme", "r-3");
        globexWms = tenants.key("globex", Role.WMS);
        Map<String, Object> properties = new java.util.HashMap<>(tenants.serverProperties());
        properties.put("aisle.warehouses.tick", "50ms");
        properties.put("aisle.warehouses.plan-budget", "20ms");
        properties.put("aisle.warehouses.telemetry-timeout", "60s");
        // Long: a waiting poll must be woken by the tick that plans its command, not find it by polling.
        properties.put("aisle.warehouses.poll-interval", "5s");
        server = RunningServer.start(properties);
        http = new SignedHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String registration(String robots) {
        return "{\"map\":" + JSON.writeValueAsString(MAP) + ",\"robots\":" + robots
                + ",\"skuCount\":1,\"skusPerPod\":1,\"serviceSteps\":1,\"chargers\":0,\"seed\":3}";
    }

    private static HttpResponse<String> put(IssuedKey key, String path, String json) {
        return server.send(http.signed(key.key().keyId(), key.secret(), "PUT", path, json, Instant.now()).build());
    }

    private static void register(String warehouse) {
        HttpResponse<String> response = put(acmeAdmin, "/v1/admin/warehouses/" + warehouse, registration(ROBOTS));
        assertEquals(201, response.statusCode(), response.body());
    }

    private static JsonNode state(String warehouse) {
        return TestWarehouses.state(http, acmeWms, warehouse);
    }

    private static JsonNode robotView(JsonNode state, String robot) {
        return TestWarehouses.robotView(state, robot);
    }

    private static HttpResponse<String> submit(String warehouse, String orderJson) {
        return http.post(acmeWms, "/v1/warehouses/" + warehouse + "/orders", orderJson);
    }

    /** Waits (polling the long-poll endpoint) for the robot's first command. */
    private static JsonNode awaitCommand(IssuedKey robot, String warehouse, String robotId) {
        HttpResponse<String> response = http.get(robot, "/v1/warehouses/" + warehouse + "/robots/" + robotId
                + "/commands?waitMillis=10000");
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void robotsDrivenOverHttpPickTheOrderAndTheStateShowsIt() {
        register("w-flow");
        HttpResponse<String> order = submit("w-flow",
                "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\",\"quantity\":1},{\"sku\":\"sku-0\",\"quantity\":2}]}");
        assertEquals(202, order.statusCode(), order.body());
        assertEquals(2, JSON.readTree(order.body()).get("taskIds").size());

        Map<String, IssuedKey> robots = Map.of("r-1", robot1, "r-2", robot2, "r-3", robot3);
        long confirmedMoves = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode state = state("w-flow");
        while (state.get("ordersCompleted").asLong() < 1 && System.nanoTime() < deadline) {
            for (Map.Entry<String, IssuedKey> robot : robots.entrySet()) {
                String channel = "/v1/warehouses/w-flow/robots/" + robot.getKey();
                HttpResponse<String> command = http.get(robot.getValue(), channel + "/commands");
                if (command.statusCode() == 204) {
                    continue;
                }
                assertEquals(200, command.statusCode(), command.body());
                JsonNode next = JSON.readTree(command.body());
                HttpResponse<String> telemetry = http.post(robot.getValue(), channel + "/telemetry",
                        "{\"cell\":" + next.get("targetCell").asInt() + ",\"heading\":" + next.get("targetHeading").asInt() + "}");
                assertEquals(200, telemetry.statusCode(), telemetry.body());
                confirmedMoves++;
            }
            state = state("w-flow");
        }
        assertTrue(confirmedMoves > 0, "no robot got a command");
        assertEquals(2, state.get("linesPicked").asLong(), state.toString());
        assertEquals(1, state.get("ordersCompleted").asLong(), state.toString());
        assertEquals(0, state.get("queuedTasks").asInt(), state.toString());
        assertTrue(state.get("tick").asLong() > 0, state.toString());
    }

    @Test
    void robotsLongPollingConcurrentlyFinishTheOrderWithoutSharingACell() throws Exception {
        register("w-concurrent");
        assertEquals(202, submit("w-concurrent", "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\"},"
                + "{\"sku\":\"sku-0\"},{\"sku\":\"sku-0\"}]}").statusCode());
        AtomicBoolean finished = new AtomicBoolean();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<Thread> robots = new ArrayList<>();
        Map.of("r-1", robot1, "r-2", robot2, "r-3", robot3).forEach((robotId, key) -> {
            Thread robot = new Thread(() -> {
                String channel = "/v1/warehouses/w-concurrent/robots/" + robotId;
                while (!finished.get()) {
                    HttpResponse<String> command = http.get(key, channel + "/commands?waitMillis=1000");
                    if (command.statusCode() == 204) {
                        continue;
                    }
                    JsonNode next = JSON.readTree(command.body());
                    HttpResponse<String> telemetry = http.post(key, channel + "/telemetry", "{\"cell\":"
                            + next.get("targetCell").asInt() + ",\"heading\":" + next.get("targetHeading").asInt() + "}");
                    if (command.statusCode() != 200 || telemetry.statusCode() != 200) {
                        failures.add(robotId + ": " + command.body() + " / " + telemetry.body());
                    }
                }
            }, "robot-" + robotId);
            robot.start();
            robots.add(robot);
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode state = state("w-concurrent");
        try {
            while (state.get("ordersCompleted").asLong() < 1 && System.nanoTime() < deadline && failures.isEmpty()) {
                Set<Integer> cells = new HashSet<>();
                for (JsonNode robot : state.get("robots")) {
                    assertTrue(cells.add(robot.get("cell").asInt()), "two robots on one cell: " + state);
                }
                Thread.sleep(20);
                state = state("w-concurrent");
            }
        } finally {
            finished.set(true);
            for (Thread robot : robots) {
                robot.join();
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(3, state.get("linesPicked").asLong(), state.toString());
    }

    @Test
    void robotKeyCannotReadAnotherRobotsCommands() {
        register("w-own");
        assertProblem(http.get(robot1, "/v1/warehouses/w-own/robots/r-2/commands"), 404, "not-found");
    }

    @Test
    void robotKeyCannotReportTelemetryForAnotherRobot() {
        register("w-other-telemetry");
        assertProblem(http.post(robot1, "/v1/warehouses/w-other-telemetry/robots/r-2/telemetry",
                "{\"cell\":17,\"heading\":0}"), 404, "not-found");
        assertEquals(18, robotView(state("w-other-telemetry"), "r-2").get("cell").asInt());
    }

    @Test
    void telemetryThatJumpsIsRefusedWith409AndChangesNoRobot() {
        register("w-jump");
        assertEquals(202, submit("w-jump", "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\"}]}").statusCode());
        JsonNode command = awaitCommand(robot1, "w-jump", "r-1");
        JsonNode before = state("w-jump");
        int far = command.get("targetCell").asInt() == 0 ? 6 : 0;

        assertProblem(http.post(robot1, "/v1/warehouses/w-jump/robots/r-1/telemetry",
                "{\"cell\":" + far + ",\"heading\":0}"), 409, "conflict");

        JsonNode after = state("w-jump");
        for (String robot : new String[] {"r-1", "r-2", "r-3"}) {
            assertEquals(robotView(before, robot).get("cell").asInt(), robotView(after, robot).get("cell").asInt(), robot);
        }
        assertEquals(command.get("targetCell").asInt(), robotView(after, "r-1").get("commandTarget").asInt());
    }

    @Test
    void telemetryOffTheMapOrOnAnObstacleIsRefusedWith400() {
        register("w-off-map");
        String path = "/v1/warehouses/w-off-map/robots/r-1/telemetry";
        assertProblem(http.post(robot1, path, "{\"cell\":42,\"heading\":0}"), 400, "invalid-request");
        assertProblem(http.post(robot1, path, "{\"cell\":8,\"heading\":0}"), 400, "invalid-request");
        assertProblem(http.post(robot1, path, "{\"cell\":16,\"heading\":4}"), 400, "invalid-request");
        assertEquals(16, robotView(state("w-off-map"), "r-1").get("cell").asInt());
    }

    @Test
    void telemetryOfTheConfirmedPoseIsAccepted() {
        register("w-heartbeat");
        HttpResponse<String> response = http.post(robot3, "/v1/warehouses/w-heartbeat/robots/r-3/telemetry",
                "{\"cell\":25,\"heading\":0}");
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void robotNotRegisteredInTheWarehouseAnswers404() {
        put(acmeAdmin, "/v1/admin/warehouses/w-two-robots", registration("[{\"id\":\"r-1\",\"cell\":16},{\"id\":\"r-2\",\"cell\":18}]"));
        assertProblem(http.get(robot3, "/v1/warehouses/w-two-robots/robots/r-3/commands"), 404, "not-found");
    }

    @Test
    void anotherTenantsWarehouseAnswers404() {
        register("w-private");
        assertProblem(http.get(globexWms, "/v1/warehouses/w-private/state"), 404, "not-found");
        assertProblem(http.post(globexWms, "/v1/warehouses/w-private/orders",
                "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\"}]}"), 404, "not-found");
        assertEquals(0, state("w-private").get("queuedTasks").asInt() + state("w-private").get("linesPicked").asInt());
    }

    @Test
    void malformedOrderAnswers400NamingTheField() {
        register("w-malformed");
        HttpResponse<String> response = submit("w-malformed", "{\"orderId\":\"o-1\",\"lines\":[{\"quantity\":1}]}");
        assertProblem(response, 400, "invalid-request");
        assertTrue(response.body().contains("lines[0].sku"), response.body());
        assertProblem(submit("w-malformed", "{\"orderId\":\"o-2\",\"lines\":[]}"), 400, "invalid-request");
        assertProblem(submit("w-malformed", "not json"), 400, "malformed-body");
    }

    @Test
    void orderForASkuOnNoPodIsRefusedWith400AndQueuesNothing() {
        register("w-unstocked");
        HttpResponse<String> response = submit("w-unstocked",
                "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\"},{\"sku\":\"sku-9\"}]}");
        assertProblem(response, 400, "invalid-request");
        assertTrue(response.body().contains("sku-9"), response.body());
        JsonNode state = state("w-unstocked");
        assertEquals(0, state.get("queuedTasks").asInt(), state.toString());
        for (JsonNode robot : state.get("robots")) {
            assertEquals(-1, robot.get("taskId").asLong(), state.toString());
        }
    }

    @Test
    void repeatedOrderIdAnswers409() {
        register("w-repeat");
        String order = "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\"}]}";
        assertEquals(202, submit("w-repeat", order).statusCode());
        assertProblem(submit("w-repeat", order), 409, "conflict");
    }

    @Test
    void longPollWithoutCommandAnswers204() {
        register("w-quiet");
        HttpResponse<String> response = http.get(robot2, "/v1/warehouses/w-quiet/robots/r-2/commands?waitMillis=300");
        assertEquals(204, response.statusCode(), response.body());
    }

    @Test
    void longPollWaitAboveTheMaximumAnswers400() {
        register("w-wait");
        assertProblem(http.get(robot2, "/v1/warehouses/w-wait/robots/r-2/commands?waitMillis=999999"), 400, "invalid-request");
    }

    @Test
    void commandStreamDeliversTheRobotsCommandAsAServerSentEvent() throws Exception {
        register("w-stream");
        assertEquals(202, submit("w-stream", "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\"}]}").statusCode());
        JsonNode polled = null;
        String robotId = null;
        // Whichever robot the task went to: find it by state, then stream its channel.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (robotId == null && System.nanoTime() < deadline) {
            for (JsonNode view : state("w-stream").get("robots")) {
                if (view.get("taskId").asLong() >= 0) {
                    robotId = view.get("robotId").asString();
                }
            }
            Thread.sleep(20);
        }
        assertTrue(robotId != null, "no robot was given the task");
        IssuedKey key = Map.of("r-1", robot1, "r-2", robot2, "r-3", robot3).get(robotId);
        HttpClient client = RunningServer.newClient();
        HttpResponse<Stream<String>> stream = client.send(http.signed(key.key().keyId(), key.secret(), "GET",
                        "/v1/warehouses/w-stream/robots/" + robotId + "/commands", null, Instant.now())
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        try (Stream<String> lines = stream.body()) {
            Iterator<String> it = lines.iterator();
            String event = null;
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:") && "command".equals(event)) {
                    polled = JSON.readTree(line.substring(5));
                    break;
                }
            }
        }
        assertTrue(polled != null, "the stream ended without a command");
        assertEquals(robotId, polled.get("robotId").asString());
        assertEquals(robotView(state("w-stream"), robotId).get("commandTarget").asInt(), polled.get("targetCell").asInt());
    }

    @Test
    void sameRegistrationAgainAnswers200AndADifferentOneAnswers400() {
        register("w-again");
        assertEquals(200, put(acmeAdmin, "/v1/admin/warehouses/w-again", registration(ROBOTS)).statusCode());
        assertProblem(put(acmeAdmin, "/v1/admin/warehouses/w-again",
                registration("[{\"id\":\"r-1\",\"cell\":23}]")), 400, "invalid-request");
    }

    @Test
    void registrationWithARobotOnAnObstacleAnswers400NamingTheField() {
        HttpResponse<String> response = put(acmeAdmin, "/v1/admin/warehouses/w-bad",
                registration("[{\"id\":\"r-1\",\"cell\":16},{\"id\":\"r-2\",\"cell\":8}]"));
        assertProblem(response, 400, "invalid-request");
        assertTrue(response.body().contains("robots[1].cell"), response.body());
        assertProblem(http.get(acmeWms, "/v1/warehouses/w-bad/state"), 404, "not-found");
    }

    @Test
    void registrationWithAMalformedMapAnswers400NamingTheLine() {
        HttpResponse<String> response = put(acmeAdmin, "/v1/admin/warehouses/w-bad-map",
                "{\"map\":\"type octile\\nheight 2\\nwidth 3\\nmap\\n...\\n..\\n\",\"robots\":[{\"id\":\"r-1\",\"cell\":0}]}");
        assertProblem(response, 400, "invalid-request");
        assertTrue(response.body().contains("map"), response.body());
    }

    @Test
    void wmsKeyCannotRegisterWarehouses() {
        assertProblem(put(acmeWms, "/v1/admin/warehouses/w-wms", registration(ROBOTS)), 403, "forbidden-role");
    }

    private static HttpResponse<String> blockedCell(IssuedKey key, String method, String warehouse, String cell) {
        return server.send(http.signed(key.key().keyId(), key.secret(), method,
                "/v1/warehouses/" + warehouse + "/blocked-cells/" + cell, null, Instant.now()).build());
    }

    @Test
    void closedCellIsListedInTheStateUntilItIsOpenedAgain() {
        register("w-closed");
        HttpResponse<String> closed = blockedCell(acmeWms, "PUT", "w-closed", "17");
        assertEquals(200, closed.statusCode(), closed.body());
        assertEquals(JSON.readTree("{\"cell\":17,\"blocked\":true,\"changed\":true}"), JSON.readTree(closed.body()));
        assertEquals("[17]", state("w-closed").get("closedCells").toString());
        assertEquals("[17]", state("w-closed").get("blockedCells").toString());
        assertEquals(false, JSON.readTree(blockedCell(acmeWms, "PUT", "w-closed", "17").body()).get("changed").asBoolean());

        HttpResponse<String> opened = blockedCell(acmeWms, "DELETE", "w-closed", "17");
        assertEquals(200, opened.statusCode(), opened.body());
        assertEquals("[]", state("w-closed").get("closedCells").toString());
    }

    @Test
    void closingACellOffTheMapOrOnAnObstacleAnswers400AndChangesNothing() {
        register("w-close-bad");
        assertProblem(blockedCell(acmeWms, "PUT", "w-close-bad", "42"), 400, "invalid-request");
        assertProblem(blockedCell(acmeWms, "PUT", "w-close-bad", "-1"), 400, "invalid-request");
        assertProblem(blockedCell(acmeWms, "PUT", "w-close-bad", "seventeen"), 400, "invalid-request");
        HttpResponse<String> obstacle = blockedCell(acmeWms, "PUT", "w-close-bad", "8");
        assertProblem(obstacle, 400, "invalid-request");
        assertTrue(obstacle.body().contains("obstacle"), obstacle.body());
        assertProblem(blockedCell(acmeWms, "DELETE", "w-close-bad", "8"), 400, "invalid-request");
        assertEquals("[]", state("w-close-bad").get("blockedCells").toString());
    }

    @Test
    void closingACellOfAnotherTenantsOrAnUnknownWarehouseAnswers404AndChangesNothing() {
        register("w-close-private");
        assertProblem(blockedCell(globexWms, "PUT", "w-close-private", "17"), 404, "not-found");
        assertProblem(blockedCell(acmeWms, "PUT", "w-nowhere", "17"), 404, "not-found");
        assertEquals("[]", state("w-close-private").get("blockedCells").toString());
    }

    @Test
    void closingACellWithoutTheWmsRoleAnswers403AndChangesNothing() {
        register("w-close-role");
        assertProblem(blockedCell(acmeAdmin, "PUT", "w-close-role", "17"), 403, "forbidden-role");
        assertProblem(blockedCell(robot1, "PUT", "w-close-role", "17"), 403, "forbidden-role");
        assertEquals("[]", state("w-close-role").get("blockedCells").toString());
    }
}
