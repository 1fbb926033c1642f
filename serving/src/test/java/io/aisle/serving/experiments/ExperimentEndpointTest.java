package io.aisle.serving.experiments;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestModels;
import io.aisle.serving.testing.TestTenants;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Impressions and attributed events through the real HTTP edge, read back from the experiment route. */
class ExperimentEndpointTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static TestModels models;
    private static IssuedKey acmeShop;
    private static IssuedKey acmeAdmin;
    private static IssuedKey globexShop;
    private static IssuedKey globexAdmin;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        tenants.create("globex");
        acmeShop = tenants.key("acme", Role.STOREFRONT);
        acmeAdmin = tenants.key("acme", Role.ADMIN);
        globexShop = tenants.key("globex", Role.STOREFRONT);
        globexAdmin = tenants.key("globex", Role.ADMIN);
        models = new TestModels(home.resolve("registry"));
        models.registry().approve("acme", "also-bought", models.publishAlsoBought("acme", List.of("milk"), "butter"));
        models.registry().approve("globex", "also-bought", models.publishAlsoBought("globex", List.of("milk"), "butter"));
        server = RunningServer.start(new HashMap<>(tenants.serverProperties()));
        http = new SignedHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void countsImpressionsAndAttributedEventsPerVariantAndComparesThem() {
        String control = models.registry().findApproved("acme", "also-bought").orElseThrow();
        String candidate = models.publishAlsoBought("acme", List.of("milk"), "jam");
        setPlan(acmeAdmin, "{\"arms\":[{\"variant\":\"count-a\",\"version\":\"" + control + "\",\"weight\":1},"
                + "{\"variant\":\"count-b\",\"version\":\"" + candidate + "\",\"weight\":1}]}");
        int[] clicked = new int[2];
        for (int u = 0; u < 40; u++) {
            JsonNode answer = recommend(acmeShop, "u" + u);
            int arm = answer.get("variant").asString().equals("count-a") ? 0 : 1;
            String item = answer.get("items").get(0).get("item").asString();
            String id = answer.get("recommendationId").asString();
            if (arm == 1 || u % 4 == 0) {
                clicked[arm]++;
                // The view twice (counted once), then a cart and a purchase of the same item.
                postEvents(acmeShop, event("u" + u, item, "view", id) + "," + event("u" + u, item, "view", id) + ","
                        + event("u" + u, item, "cart", id) + "," + event("u" + u, item, "purchase", id));
            }
        }

        JsonNode report = experiment(acmeAdmin);

        assertEquals("count-a", report.get("control").asString(), report.toString());
        assertEquals(3600, report.get("attributionWindowSeconds").asLong());
        JsonNode a = report.get("variants").get(0);
        JsonNode b = report.get("variants").get(1);
        assertEquals(40, a.get("impressions").asLong() + b.get("impressions").asLong(), report.toString());
        assertEquals(clicked[0], a.get("clicks").asLong(), report.toString());
        assertEquals(clicked[1], b.get("purchases").asLong(), report.toString());
        assertEquals(1.0, b.get("clickRate").asDouble(), 1e-12, report.toString());
        JsonNode clicks = report.get("comparisons").get(0);
        assertEquals("count-b", clicks.get("variant").asString());
        assertEquals("click", clicks.get("outcome").asString());
        assertEquals(b.get("clickRate").asDouble() - a.get("clickRate").asDouble(), clicks.get("difference").asDouble(), 1e-12);
        assertTrue(clicks.get("ci95").get("lower").asDouble() > 0, report.toString());
        assertTrue(clicks.get("significant").asBoolean(), report.toString());
        assertEquals(3, report.get("comparisons").size(), "click, cart and purchase against the control");
        assertTrue(scrape().contains("aisle_experiment_purchases_total{model=\"also-bought\",tenant=\"acme\",variant=\"count-b\",version=\""
                + candidate + "\"} " + clicked[1] + ".0"), "the purchases counter");
    }

    @Test
    void eventsNamingAnotherTenantsRecommendationCountForNobody() {
        String version = models.registry().findApproved("globex", "also-bought").orElseThrow();
        setPlan(globexAdmin, "{\"arms\":[{\"variant\":\"iso\",\"version\":\"" + version + "\",\"weight\":1}]}");
        setPlan(acmeAdmin, "{\"arms\":[{\"variant\":\"iso\",\"version\":\""
                + models.registry().findApproved("acme", "also-bought").orElseThrow() + "\",\"weight\":1}]}");
        JsonNode acmeAnswer = recommend(acmeShop, "shared-user");

        postEvents(globexShop, event("shared-user", "butter", "purchase", acmeAnswer.get("recommendationId").asString()));

        assertEquals(0, experiment(acmeAdmin).get("variants").get(0).get("purchases").asLong());
        JsonNode globex = experiment(globexAdmin).get("variants").get(0);
        assertEquals(0, globex.get("impressions").asLong(), "acme's impression is not globex's");
        assertEquals(0, globex.get("purchases").asLong());
    }

    @Test
    void anItemTheRecommendationDidNotShowIsNotAttributed() {
        String version = models.registry().findApproved("acme", "also-bought").orElseThrow();
        setPlan(acmeAdmin, "{\"arms\":[{\"variant\":\"other-item\",\"version\":\"" + version + "\",\"weight\":1}]}");
        JsonNode answer = recommend(acmeShop, "u-other");

        postEvents(acmeShop, event("u-other", "bread", "view", answer.get("recommendationId").asString()));

        JsonNode arm = experiment(acmeAdmin).get("variants").get(0);
        assertEquals(1, arm.get("impressions").asLong());
        assertEquals(0, arm.get("clicks").asLong());
    }

    @Test
    void withoutAPlanTheApprovedVersionIsTheOnlyArm() {
        assertEquals(204, server.send(http.signed(globexAdmin.key().keyId(), globexAdmin.secret(), "DELETE",
                "/v1/admin/models/also-bought/variants", null, Instant.now()).build()).statusCode());

        JsonNode report = experiment(globexAdmin);

        assertEquals("approved", report.get("control").asString());
        assertEquals(1, report.get("variants").size());
        assertEquals(0, report.get("comparisons").size());
    }

    @Test
    void aRecommendationIdThatIsNotAnIdRefusesTheWholeBatch() {
        HttpResponse<String> refused = http.post(acmeShop, "/v1/events", "{\"events\":[" + event("u1", "milk", "view", "rec-1") + ","
                + "{\"user\":\"u1\",\"item\":\"milk\",\"type\":\"view\",\"recommendationId\":\"has space\"}]}");

        assertProblem(refused, 400, "invalid-request");
        assertTrue(refused.body().contains("events[1].recommendationId"), refused.body());
    }

    @Test
    void unknownModelIsNotFoundAndAStorefrontKeyIsRefused() {
        assertProblem(http.get(acmeAdmin, "/v1/admin/models/tea-leaves/experiment"), 404, "not-found");
        assertProblem(http.get(acmeShop, "/v1/admin/models/also-bought/experiment"), 403, "forbidden-role");
    }

    @Test
    void everyRecommendationAnswerCarriesItsOwnId() {
        JsonNode first = recommend(acmeShop, "u-ids");
        JsonNode second = recommend(acmeShop, "u-ids");

        assertFalse(first.get("recommendationId").asString().isEmpty());
        assertFalse(first.get("recommendationId").asString().equals(second.get("recommendationId").asString()));
    }

    private static JsonNode recommend(IssuedKey key, String user) {
        HttpResponse<String> response = http.get(key, "/v1/recommendations/also-bought?item=milk&k=1&user=" + user);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode experiment(IssuedKey admin) {
        HttpResponse<String> response = http.get(admin, "/v1/admin/models/also-bought/experiment");
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static void setPlan(IssuedKey admin, String plan) {
        HttpResponse<String> response = server.send(http.signed(admin.key().keyId(), admin.secret(), "PUT",
                "/v1/admin/models/also-bought/variants", plan, Instant.now()).build());
        assertEquals(200, response.statusCode(), response.body());
    }

    private static void postEvents(IssuedKey key, String events) {
        HttpResponse<String> response = http.post(key, "/v1/events", "{\"events\":[" + events + "]}");
        assertEquals(202, response.statusCode(), response.body());
    }

    private static String event(String user, String item, String type, String recommendationId) {
        return "{\"user\":\"" + user + "\",\"item\":\"" + item + "\",\"type\":\"" + type + "\",\"recommendationId\":\""
                + recommendationId + "\"}";
    }

    private static String scrape() {
        return server.get("/actuator/prometheus").body();
    }
}
