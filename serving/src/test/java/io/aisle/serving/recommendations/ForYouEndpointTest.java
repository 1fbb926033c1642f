package io.aisle.serving.recommendations;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisle.recommender.engine.Recommendation;
import io.aisle.recommender.engine.TenantModels;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestModels;
import io.aisle.serving.testing.TestTenants;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForYouEndpointTest {

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static IssuedKey storefront;
    private static IssuedKey historyStorefront;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        storefront = tenants.key("acme", Role.STOREFRONT);
        TestModels models = new TestModels(home.resolve("registry"));
        models.registry().approve("acme", "for-you", models.publishForYou("acme", List.of("milk", "bread", "butter", "eggs")));
        tenants.create("globex");
        historyStorefront = tenants.key("globex", Role.STOREFRONT);
        models.registry().approve("globex", "for-you", models.publishForYouWithHistory("globex"));
        server = RunningServer.start(tenants.serverProperties());
        http = new SignedHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void ranksTheCatalogueByTheFactorizationMachine() {
        HttpResponse<String> response = http.get(storefront, "/v1/recommendations/for-you?user=u-1&k=2");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"items\":[{\"item\":\"milk\""), response.body());
        assertTrue(response.body().contains("\"modelVersion\":\"v000001\",\"variant\":\"approved\""), response.body());
    }

    @Test
    void leavesOutExcludedItems() {
        HttpResponse<String> response = http.get(storefront, "/v1/recommendations/for-you?user=u-1&k=2&exclude=milk,bread");

        assertTrue(response.body().startsWith("{\"items\":[{\"item\":\"butter\""), response.body());
    }

    @Test
    void aPostedPurchaseLeavesTheListWithinFiveSeconds() throws Exception {
        assertTrue(forYou("u-2").contains("\"item\":\"milk\""));

        assertEquals(202, http.post(storefront, "/v1/events",
                "{\"events\":[{\"user\":\"u-2\",\"item\":\"milk\",\"type\":\"purchase\"}]}").statusCode());

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String body = forYou("u-2");
        while (body.contains("\"item\":\"milk\"") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            body = forYou("u-2");
        }
        assertFalse(body.contains("\"item\":\"milk\""), body);
        assertTrue(body.startsWith("{\"items\":[{\"item\":\"bread\""), body);
    }

    @Test
    void aPurchaseDescribesAShopperTheModelNeverSaw() throws Exception {
        String before = http.get(historyStorefront, "/v1/recommendations/for-you?user=newcomer&k=2").body();
        assertTrue(before.startsWith("{\"items\":[{\"item\":\"milk\""), before);

        assertEquals(202, http.post(historyStorefront, "/v1/events",
                "{\"events\":[{\"user\":\"newcomer\",\"item\":\"bread\",\"type\":\"purchase\"}]}").statusCode());

        // The model's history features now describe the shopper: the other bakery item comes first.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String body = http.get(historyStorefront, "/v1/recommendations/for-you?user=newcomer&k=2").body();
        while (!body.startsWith("{\"items\":[{\"item\":\"cake\"") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            body = http.get(historyStorefront, "/v1/recommendations/for-you?user=newcomer&k=2").body();
        }
        assertTrue(body.startsWith("{\"items\":[{\"item\":\"cake\""), body);
        assertFalse(body.contains("\"item\":\"bread\""), body);
    }

    /** What {@code ./aisle score batch} writes for a user is the engine's list; the endpoint must be that list too. */
    @Test
    void answersTheEnginesListAndScoresForTheApprovedVersion() throws Exception {
        TenantModels engine = TenantModels.loadApproved(new ModelRegistry(home.resolve("registry"), Clock.systemUTC()), "globex");
        for (String user : List.of("u-1", "u-2")) {
            Recommendation expected = engine.forYou(user, 3, ItemFilter.NONE);
            JsonNode items = new ObjectMapper().readTree(
                    http.get(historyStorefront, "/v1/recommendations/for-you?user=" + user + "&k=3").body()).get("items");
            assertEquals(expected.items().size(), items.size(), user);
            for (int r = 0; r < items.size(); r++) {
                assertEquals(expected.items().get(r).itemId(), items.get(r).get("item").asText(), user + " rank " + (r + 1));
                assertEquals(expected.items().get(r).score(), items.get(r).get("score").asDouble(), 0.0, user + " rank " + (r + 1));
            }
        }
    }

    @Test
    void rejectsAMissingUserWith400() {
        assertProblem(http.get(storefront, "/v1/recommendations/for-you?k=3"), 400, "invalid-request");
    }

    private static String forYou(String user) {
        HttpResponse<String> response = http.get(storefront, "/v1/recommendations/for-you?user=" + user + "&k=4");
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
