package io.aisle.serving.system;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import io.aisle.serving.store.CameraSession;
import io.aisle.serving.store.StoreScript;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.ApiOperations;
import io.aisle.serving.testing.ApiOperations.Operation;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestModels;
import io.aisle.serving.testing.TestTenants;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real answers of a running server, successes and refusals of every product area, checked against the schemas of
 * the OpenAPI description it serves: status, content type, headers and body. An answer the description does not
 * allow (an unlisted status, a field it does not name, a wrong type) fails the test, and so does an operation of
 * the description that no test here calls.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiConformanceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long T0 = Instant.now().minusSeconds(60).toEpochMilli() / 1000 * 1000;
    private static final long SEED = 11;
    /** 6 x 7: stations on the top and bottom rows, pods of sku-0 beside the obstacles, one robot in the aisle. */
    private static final String WAREHOUSE = "{\"map\":\"type octile\\nheight 6\\nwidth 7\\nmap\\n.......\\n.@.@.@.\\n"
            + ".......\\n.......\\n.@.@.@.\\n.......\\n\",\"robots\":[{\"id\":\"r-1\",\"cell\":16}],"
            + "\"skuCount\":1,\"skusPerPod\":1,\"serviceSteps\":1,\"chargers\":0,\"seed\":5}";
    private static final int OBSTACLE_CELL = 8;
    private static final int AISLE_CELL = 23;
    /** The operations whose real answers were validated so far. */
    private static final Set<Operation> checked = ConcurrentHashMap.newKeySet();

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static OpenApiInteractionValidator validator;
    private static SortedSet<Operation> described;
    private static TestModels models;
    private static IssuedKey storefront;
    private static IssuedKey admin;
    private static IssuedKey device;
    private static IssuedKey operator;
    private static IssuedKey wms;
    private static IssuedKey robot1;
    private static IssuedKey modelessStorefront;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        List.of("acme", "globex").forEach(tenants::create);
        // acme has a key per role and both recommendation models; globex has no model at all.
        models = new TestModels(home.resolve("registry"));
        models.registry().approve("acme", "for-you", models.publishForYou("acme", List.of("milk", "bread", "cheese")));
        models.registry().approve("acme", "also-bought", models.publishAlsoBought("acme", List.of("milk", "bread"), "butter"));
        modelessStorefront = tenants.key("globex", Role.STOREFRONT);
        storefront = tenants.key("acme", Role.STOREFRONT);
        device = tenants.key("acme", Role.STORE_DEVICE);
        operator = tenants.key("acme", Role.STORE_OPERATOR);
        wms = tenants.key("acme", Role.WMS);
        robot1 = tenants.robotKey("acme", "r-1");
        admin = tenants.key("acme", Role.ADMIN);
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.warehouses.tick", "50ms");
        properties.put("aisle.warehouses.plan-budget", "20ms");
        properties.put("aisle.warehouses.telemetry-timeout", "60s");
        server = RunningServer.start(properties);
        http = new SignedHttp(server);
        String spec = server.get("/v3/api-docs").body();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
        described = ApiOperations.described(JSON.readTree(spec));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void systemAndActuatorAnswersConform() {
        for (String path : List.of("/v1/ping", "/v1/version", "/v3/api-docs", "/actuator/health/liveness", "/actuator/prometheus")) {
            assertConforms(200, server.get(path));
        }
        // UP (200) once the approved models are loaded, DOWN (503) before: both are described.
        assertConforms(server.get("/actuator/health"));
        assertConforms(server.get("/actuator/health/readiness"));
    }

    @Test
    void recommendationsConform() {
        assertConforms(200, http.get(storefront, "/v1/recommendations/also-bought?item=milk&k=2&user=u-1"));
        assertConforms(200, http.post(storefront, "/v1/recommendations/also-bought", "{\"basket\":[\"milk\",\"bread\"],\"k\":3}"));
        assertConforms(200, http.get(storefront, "/v1/recommendations/for-you?user=u-1&k=2&exclude=milk"));
    }

    @Test
    void recommendationRefusalsConform() {
        assertProblemConforms(400, "invalid-request", http.get(storefront, "/v1/recommendations/also-bought?item=milk&k=0"));
        assertProblemConforms(400, "malformed-body", http.post(storefront, "/v1/recommendations/also-bought", "{\"basket\":"));
        assertProblemConforms(401, "unsigned", server.get("/v1/recommendations/for-you?user=u-1"));
        assertProblemConforms(403, "forbidden-role", http.get(admin, "/v1/recommendations/for-you?user=u-1"));
        assertProblemConforms(413, "too-large", http.post(storefront, "/v1/recommendations/also-bought",
                "{\"basket\":[\"" + "x".repeat(1_100_000) + "\"]}"));
        assertProblemConforms(415, "unsupported-media-type", server.send(signed(storefront, "POST",
                "/v1/recommendations/also-bought", "{\"basket\":[\"milk\"]}").setHeader("Content-Type", "text/plain").build()));
        assertProblemConforms(503, "unavailable", http.get(modelessStorefront, "/v1/recommendations/also-bought?item=milk"));
    }

    @Test
    void eventsAndTheirReplaysConform() {
        String batch = "{\"events\":[{\"user\":\"u-1\",\"item\":\"bread\",\"type\":\"purchase\",\"order\":\"o-1\"}]}";
        assertConforms(202, http.post(storefront, "/v1/events", batch));

        HttpResponse<String> first = http.postIdempotent(storefront, "/v1/events", batch, "evt-1");
        HttpResponse<String> replay = http.postIdempotent(storefront, "/v1/events", batch, "evt-1");

        assertConforms(202, first);
        assertConforms(202, replay);
        assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElse(""));
    }

    @Test
    void eventRefusalsConform() {
        String batch = "{\"events\":[{\"user\":\"u-2\",\"item\":\"milk\",\"type\":\"view\"}]}";
        assertConforms(202, http.postIdempotent(storefront, "/v1/events", batch, "evt-2"));

        assertProblemConforms(422, "idempotency-key-reused", http.postIdempotent(storefront, "/v1/events",
                batch.replace("milk", "bread"), "evt-2"));
        assertProblemConforms(400, "invalid-request", http.postIdempotent(storefront, "/v1/events", batch, "has space"));
        assertProblemConforms(400, "invalid-request", http.post(storefront, "/v1/events", batch.replace("view", "stare")));
        assertProblemConforms(413, "too-large", http.post(storefront, "/v1/events",
                "{\"events\":[" + String.join(",", Collections.nCopies(1001, batch.substring(11, batch.length() - 2))) + "]}"));
        assertProblemConforms(403, "forbidden-role", http.post(device, "/v1/events", batch));
    }

    @Test
    void adminAnswersConform() {
        assertConforms(200, http.get(admin, "/v1/admin/keys"));
        HttpResponse<String> issued = assertConforms(201, http.post(admin, "/v1/admin/keys", "{\"roles\":[\"robot\"],\"robot\":\"r-9\"}"));
        assertConforms(204, send(admin, "DELETE", "/v1/admin/keys/" + JSON.readTree(issued.body()).get("keyId").asString(), null));

        String second = models.publishAlsoBought("acme", List.of("milk", "bread"), "jam");
        assertConforms(200, http.get(admin, "/v1/admin/models/also-bought"));
        assertConforms(200, send(admin, "PUT", "/v1/admin/models/also-bought/variants", "{\"arms\":[{\"variant\":\"a\",\"version\":\""
                + second + "\",\"weight\":1}],\"shadow\":{\"variant\":\"s\",\"version\":\"" + second + "\",\"weight\":0}}"));
        assertConforms(200, http.get(admin, "/v1/admin/models/also-bought"));
        assertConforms(200, http.get(admin, "/v1/admin/models/also-bought/experiment"));
        assertConforms(204, send(admin, "DELETE", "/v1/admin/models/also-bought/variants", null));
        assertConforms(200, http.post(admin, "/v1/admin/models/also-bought/approve", "{\"version\":\"" + second + "\"}"));

        assertConforms(200, http.get(admin, "/v1/admin/stores"));
        assertConforms(200, http.get(admin, "/v1/admin/warehouses"));
        assertConforms(200, http.get(admin, "/v1/admin/recommendation-metrics"));
    }

    @Test
    void retrainAnswersConform() throws Exception {
        String schedule = "/v1/admin/models/also-bought/schedule";
        assertConforms(200, send(admin, "PUT", schedule, "{\"every\":\"PT24H\",\"window\":\"30d\",\"minGain\":0}"));
        assertConforms(200, http.get(admin, schedule));
        assertConforms(204, send(admin, "DELETE", schedule, null));
        assertProblemConforms(404, "not-found", http.get(admin, schedule));
        assertProblemConforms(400, "invalid-request", send(admin, "PUT", schedule, "{\"every\":\"PT1S\"}"));
        assertProblemConforms(400, "invalid-request", http.post(admin, "/v1/admin/models/ranker/runs", null));

        // This server has no training command: the run is queued, then recorded failed, saying so.
        String id = JSON.readTree(assertConforms(202, http.post(admin, "/v1/admin/models/also-bought/runs", null)).body())
                .get("id").asString();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!http.get(admin, "/v1/admin/models/also-bought/runs").body().contains("no training command is configured")) {
            assertTrue(System.nanoTime() < deadline, "run " + id + " was not recorded failed");
            Thread.sleep(100);
        }
        assertConforms(200, http.get(admin, "/v1/admin/models/also-bought/runs"));
    }

    @Test
    void adminRefusalsConform() {
        assertProblemConforms(404, "not-found", send(admin, "DELETE", "/v1/admin/keys/no-such-key", null));
        assertProblemConforms(400, "invalid-request", http.post(admin, "/v1/admin/keys", "{\"roles\":[\"janitor\"]}"));
        assertProblemConforms(404, "not-found", http.post(admin, "/v1/admin/models/also-bought/approve", "{\"version\":\"v999999\"}"));
        assertProblemConforms(404, "not-found", http.get(admin, "/v1/admin/models/tea-leaves"));
        assertProblemConforms(404, "not-found", http.get(admin, "/v1/admin/models/tea-leaves/experiment"));
        assertProblemConforms(400, "invalid-request", send(admin, "PUT", "/v1/admin/models/for-you/variants", "{\"arms\":[]}"));
        assertProblemConforms(400, "invalid-request", send(admin, "PUT", "/v1/admin/stores/bad-layout/layout", "{\"store\":1}"));
        assertProblemConforms(404, "not-found", send(admin, "PUT", "/v1/admin/stores/unregistered/cameras", CameraSession.camerasJson()));
        assertProblemConforms(400, "invalid-request", send(admin, "PUT", "/v1/admin/warehouses/w-bad", "{\"robots\":[]}"));
        assertProblemConforms(403, "forbidden-role", http.get(wms, "/v1/admin/warehouses"));
    }

    @Test
    void storeAnswersConform() throws Exception {
        assertConforms(201, send(admin, "PUT", "/v1/admin/stores/s-1/layout", StoreScript.layoutJson("s-1")));
        assertConforms(200, send(admin, "PUT", "/v1/admin/stores/s-1/layout", StoreScript.layoutJson("s-1")));
        List<StoreScript.Batch> session = new StoreScript(T0, SEED).picks("a", 0, 1, 4_000, 9_000)
                .picks("b", 500, 2, 5_000, 30_000).render(12_000, 100);
        assertConforms(202, http.post(device, "/v1/stores/s-1/entries",
                "{\"entries\":[{\"gate\":\"entry\",\"account\":\"acct-a\",\"at\":" + T0 + "}]}"));
        try (Stream<String> events = openStream(device, "/v1/stores/s-1/events", "text/event-stream")) {
            for (StoreScript.Batch batch : session) {
                if (batch.observationsJson() != null) {
                    assertConforms(202, http.post(device, "/v1/stores/s-1/shopper-observations", batch.observationsJson()));
                }
                assertConforms(202, http.post(device, "/v1/stores/s-1/shelf-readings", batch.readingsJson()));
            }
        }
        HttpResponse<String> receipts = assertConforms(200, http.get(device, "/v1/stores/s-1/receipts?since=0&limit=10"));
        assertEquals(1, JSON.readTree(receipts.body()).get("receipts").size(), receipts.body());
        assertConforms(200, http.get(device, "/v1/stores/s-1/carts/b"));
        assertConforms(200, http.get(device, "/v1/stores/s-1/layout"));
        HttpResponse<String> floor = assertConforms(200, http.get(device, "/v1/stores/s-1/shoppers"));
        assertEquals(1, JSON.readTree(floor.body()).get("shoppers").size(), floor.body());
        assertConforms(200, http.get(device, "/v1/stores/s-1/sensors?silentAfterSeconds=2"));

        assertConforms(201, send(admin, "PUT", "/v1/admin/stores/cam-1/layout", CameraSession.layoutJson("cam-1")));
        assertConforms(201, send(admin, "PUT", "/v1/admin/stores/cam-1/cameras", CameraSession.camerasJson()));
        String frames = new CameraSession(T0, SEED).chunks().stream().map(CameraSession.Chunk::framesJson)
                .filter(json -> json != null).findFirst().orElseThrow();
        assertConforms(202, http.post(device, "/v1/stores/cam-1/camera-frames", frames));
        assertConforms(200, http.get(device, "/v1/stores/cam-1/sensors"));
    }

    @Test
    void reviewAndDisputeAnswersConform() {
        assertConforms(201, send(admin, "PUT", "/v1/admin/stores/review-1/layout", StoreScript.layoutJson("review-1")));
        for (StoreScript.Batch batch : StoreScript.ambiguousPick(T0)) {
            if (batch.observationsJson() != null) {
                assertConforms(202, http.post(device, "/v1/stores/review-1/shopper-observations", batch.observationsJson()));
            }
            assertConforms(202, http.post(device, "/v1/stores/review-1/shelf-readings", batch.readingsJson()));
        }
        HttpResponse<String> reviews = assertConforms(200, http.get(operator, "/v1/stores/review-1/reviews"));
        long id = JSON.readTree(reviews.body()).get("reviews").get(0).get("id").asLong();

        assertProblemConforms(400, "invalid-request", http.post(operator, "/v1/stores/review-1/reviews/" + id,
                "{\"decision\":\"correct\",\"lines\":[{\"sku\":\"CAVIAR\",\"quantity\":1}]}"));
        assertConforms(200, http.post(operator, "/v1/stores/review-1/reviews/" + id,
                "{\"decision\":\"correct\",\"lines\":[{\"sku\":\"TEA\",\"quantity\":1}],\"note\":\"seen\"}"));
        assertProblemConforms(409, "conflict", http.post(operator, "/v1/stores/review-1/reviews/" + id, "{\"decision\":\"confirm\"}"));
        assertProblemConforms(404, "not-found", http.post(operator, "/v1/stores/review-1/reviews/99", "{\"decision\":\"confirm\"}"));
        assertProblemConforms(403, "forbidden-role", http.get(device, "/v1/stores/review-1/reviews"));
        assertConforms(200, http.get(device, "/v1/stores/review-1/receipts"));

        assertConforms(200, http.post(operator, "/v1/stores/review-1/receipts/" + (3 - id) + "/disputes",
                "{\"lines\":[],\"note\":\"I took nothing\"}"));
        assertProblemConforms(409, "conflict", http.post(operator, "/v1/stores/review-1/receipts/" + (3 - id) + "/disputes",
                "{\"lines\":[]}"));
        assertProblemConforms(404, "not-found", http.post(operator, "/v1/stores/review-1/receipts/99/disputes", "{\"lines\":[]}"));
        assertProblemConforms(400, "invalid-request", http.post(operator, "/v1/stores/review-1/receipts/3/disputes", "{}"));
    }

    @Test
    void storeRefusalsConform() {
        assertConforms(201, send(admin, "PUT", "/v1/admin/stores/s-2/layout", StoreScript.layoutJson("s-2")));

        assertProblemConforms(400, "invalid-request", http.post(device, "/v1/stores/s-2/shelf-readings",
                "{\"readings\":[{\"plate\":\"P9\",\"ts\":" + T0 + ",\"grams\":10.0}]}"));
        assertProblemConforms(400, "malformed-body", http.post(device, "/v1/stores/s-2/shopper-observations", "[1,"));
        assertProblemConforms(400, "invalid-request", http.post(device, "/v1/stores/s-2/entries",
                "{\"gate\":\"back-door\",\"account\":\"acct-a\",\"at\":" + T0 + "}"));
        assertProblemConforms(400, "invalid-request", http.get(device, "/v1/stores/s-2/receipts?limit=0"));
        assertProblemConforms(404, "not-found", http.get(device, "/v1/stores/s-2/carts/nobody"));
        assertProblemConforms(404, "not-found", http.get(device, "/v1/stores/no-such-store/receipts"));
        assertProblemConforms(404, "not-found", http.get(device, "/v1/stores/no-such-store/layout"));
        assertProblemConforms(404, "not-found", http.get(device, "/v1/stores/no-such-store/shoppers"));
        assertProblemConforms(400, "invalid-request", http.get(device, "/v1/stores/s-2/sensors?silentAfterSeconds=0"));
        assertProblemConforms(400, "invalid-request", http.post(device, "/v1/stores/s-2/camera-frames",
                "{\"frames\":[{\"cameraId\":\"nowhere\",\"timestampMillis\":" + T0 + ",\"persons\":[]}]}"));
        assertProblemConforms(403, "forbidden-role", http.get(storefront, "/v1/stores/s-2/receipts"));
    }

    @Test
    void warehouseAnswersConform() throws Exception {
        assertConforms(201, send(admin, "PUT", "/v1/admin/warehouses/w-1", WAREHOUSE));
        assertConforms(200, send(admin, "PUT", "/v1/admin/warehouses/w-1", WAREHOUSE));
        assertConforms(204, http.get(robot1, "/v1/warehouses/w-1/robots/r-1/commands"));

        String order = "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\",\"quantity\":1}]}";
        assertConforms(202, http.postIdempotent(wms, "/v1/warehouses/w-1/orders", order, "order-o-1"));
        HttpResponse<String> replay = assertConforms(202, http.postIdempotent(wms, "/v1/warehouses/w-1/orders", order, "order-o-1"));
        assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertConforms(200, http.get(wms, "/v1/warehouses/w-1/state"));
        assertConforms(200, http.get(wms, "/v1/warehouses/w-1/layout"));

        try (Stream<String> stream = openStream(robot1, "/v1/warehouses/w-1/robots/r-1/commands", "text/event-stream")) {
            JsonNode command = JSON.readTree(assertConforms(200,
                    http.get(robot1, "/v1/warehouses/w-1/robots/r-1/commands?waitMillis=10000")).body());
            assertConforms(200, http.post(robot1, "/v1/warehouses/w-1/robots/r-1/telemetry",
                    "{\"cell\":" + command.get("targetCell").asInt() + ",\"heading\":" + command.get("targetHeading").asInt() + "}"));
        }
        assertConforms(200, send(wms, "PUT", "/v1/warehouses/w-1/blocked-cells/" + AISLE_CELL, null));
        assertConforms(200, send(wms, "DELETE", "/v1/warehouses/w-1/blocked-cells/" + AISLE_CELL, null));
        assertConforms(200, http.get(wms, "/v1/warehouses/w-1/state"));
    }

    @Test
    void fleetChangeAnswersConform() {
        assertConforms(201, send(admin, "PUT", "/v1/admin/warehouses/w-fleet", WAREHOUSE));
        assertConforms(202, http.post(wms, "/v1/warehouses/w-fleet/orders", "{\"orderId\":\"o-1\",\"priority\":3,"
                + "\"deadline\":\"2020-01-01T00:00:00Z\",\"lines\":[{\"sku\":\"sku-0\"}]}"));
        assertConforms(201, send(wms, "PUT", "/v1/warehouses/w-fleet/fleet/r-9", "{\"cell\":" + AISLE_CELL + "}"));
        assertProblemConforms(409, "conflict", send(wms, "PUT", "/v1/warehouses/w-fleet/fleet/r-9", "{\"cell\":18}"));
        assertProblemConforms(409, "conflict", send(wms, "POST", "/v1/warehouses/w-fleet/fleet/r-9/return-to-service", null));
        assertConforms(200, send(wms, "DELETE", "/v1/warehouses/w-fleet/fleet/r-9", null));
        assertConforms(200, send(wms, "PUT", "/v1/warehouses/w-fleet/parking-cells/" + AISLE_CELL, null));
        assertConforms(200, send(wms, "DELETE", "/v1/warehouses/w-fleet/parking-cells/" + AISLE_CELL, null));
        assertConforms(200, http.post(wms, "/v1/warehouses/w-fleet/orders/o-1/cancel", null));
        assertProblemConforms(409, "conflict", http.post(wms, "/v1/warehouses/w-fleet/orders/o-1/cancel", null));
        assertProblemConforms(404, "not-found", http.post(wms, "/v1/warehouses/w-fleet/orders/o-2/cancel", null));
        assertConforms(200, http.post(robot1, "/v1/warehouses/w-fleet/robots/r-1/telemetry",
                "{\"cell\":16,\"heading\":0,\"batteryPercent\":80}"));
        assertConforms(200, http.get(wms, "/v1/warehouses/w-fleet/state"));
    }

    @Test
    void warehouseRefusalsConform() {
        assertConforms(201, send(admin, "PUT", "/v1/admin/warehouses/w-2", WAREHOUSE));
        String order = "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\"}]}";
        assertConforms(202, http.postIdempotent(wms, "/v1/warehouses/w-2/orders", order, "order-w-2"));

        assertProblemConforms(409, "conflict", http.post(wms, "/v1/warehouses/w-2/orders", order));
        assertProblemConforms(422, "idempotency-key-reused", http.postIdempotent(wms, "/v1/warehouses/w-2/orders",
                order.replace("o-1", "o-2"), "order-w-2"));
        assertProblemConforms(400, "invalid-request", http.post(wms, "/v1/warehouses/w-2/orders",
                "{\"orderId\":\"o-3\",\"lines\":[{\"sku\":\"sku-7\"}]}"));
        assertProblemConforms(404, "not-found", http.get(wms, "/v1/warehouses/w-none/state"));
        assertProblemConforms(400, "invalid-request", send(wms, "PUT", "/v1/warehouses/w-2/blocked-cells/" + OBSTACLE_CELL, null));
        assertProblemConforms(400, "invalid-request", http.post(robot1, "/v1/warehouses/w-2/robots/r-1/telemetry",
                "{\"cell\":16,\"heading\":9}"));
        assertProblemConforms(409, "conflict", http.post(robot1, "/v1/warehouses/w-2/robots/r-1/telemetry",
                "{\"cell\":40,\"heading\":0}"));
        assertProblemConforms(404, "not-found", http.get(robot1, "/v1/warehouses/w-2/robots/r-2/commands"));
        assertProblemConforms(400, "invalid-request", http.get(robot1, "/v1/warehouses/w-2/robots/r-1/commands?waitMillis=-1"));
    }

    @Test
    void anAnswerTheDescriptionDoesNotAllowFailsValidation() {
        assertTrue(report("GET", "/v1/ping", 200, "application/json", "{\"pong\":\"yes\"}").hasErrors(), "a wrong type");
        assertTrue(report("GET", "/v1/ping", 200, "application/json", "{\"pong\":true,\"extra\":1}").hasErrors(), "a field not named");
        assertTrue(report("GET", "/v1/ping", 418, "application/json", "{\"pong\":true}").hasErrors(), "a status not listed");
        assertTrue(report("GET", "/v1/admin/keys", 401, "application/problem+json", "{\"title\":\"no type\"}").hasErrors(),
                "a problem without its members");
        assertTrue(report("GET", "/v1/warehouses/w/state", 200, "application/json", "{\"warehouse\":\"w\"}").hasErrors(),
                "a state without its fields");
        assertFalse(report("GET", "/v1/ping", 200, "application/json", "{\"pong\":true}").hasErrors(), "the real answer");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyDescribedOperationHadARealAnswerChecked() {
        SortedSet<Operation> unchecked = new TreeSet<>(described);
        unchecked.removeAll(checked);

        assertEquals(Set.of(), unchecked, "operations of openapi.json that no test here calls");
    }

    private static HttpResponse<String> send(IssuedKey key, String method, String path, String json) {
        return server.send(signed(key, method, path, json).build());
    }

    private static HttpRequest.Builder signed(IssuedKey key, String method, String path, String json) {
        return http.signed(key.key().keyId(), key.secret(), method, path, json, Instant.now());
    }

    /** Opens an event stream and checks its answer against the description (status, content type), by its first line. */
    private static Stream<String> openStream(IssuedKey key, String path, String accept) throws Exception {
        HttpRequest request = signed(key, "GET", path, null).header("Accept", accept).build();
        HttpResponse<Stream<String>> response = RunningServer.newClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        Stream<String> lines = response.body();
        String first = lines.iterator().next();
        assertEquals(200, response.statusCode(), first);
        assertEquals(":open", first);
        assertValid(request.method(), request.uri(), report(request.method(), request.uri().getRawPath(), response.statusCode(),
                response.headers(), first));
        return lines;
    }

    private static HttpResponse<String> assertConforms(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        return assertConforms(response);
    }

    private static HttpResponse<String> assertConforms(HttpResponse<String> response) {
        HttpRequest request = response.request();
        assertValid(request.method(), request.uri(),
                report(request.method(), request.uri().getRawPath(), response.statusCode(), response.headers(), response.body()));
        return response;
    }

    private static void assertProblemConforms(int status, String type, HttpResponse<String> response) {
        assertProblem(response, status, type);
        assertConforms(response);
    }

    private static void assertValid(String method, URI uri, ValidationReport report) {
        assertFalse(report.hasErrors(), () -> method + " " + uri.getRawPath() + ":\n" + SimpleValidationReportFormat.getInstance().apply(report));
    }

    /** Validates a real answer, and counts its operation as checked. */
    private static ValidationReport report(String method, String path, int status, HttpHeaders headers, String body) {
        ApiOperations.find(described, method, path).ifPresent(checked::add);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withBody(body);
        headers.map().forEach(response::withHeader);
        return validator.validateResponse(path, Request.Method.valueOf(method), response.build());
    }

    private static ValidationReport report(String method, String path, int status, String contentType, String body) {
        return validator.validateResponse(path, Request.Method.valueOf(method),
                SimpleResponse.Builder.status(status).withContentType(contentType).withBody(body).build());
    }
}
