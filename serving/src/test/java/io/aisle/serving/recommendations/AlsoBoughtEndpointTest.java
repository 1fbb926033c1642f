package io.aisle.serving.recommendations;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlsoBoughtEndpointTest {

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static IssuedKey acme;
    private static IssuedKey globex;
    private static IssuedKey initech;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        for (String tenant : List.of("acme", "globex", "initech")) {
            tenants.create(tenant);
        }
        acme = tenants.key("acme", Role.STOREFRONT);
        globex = tenants.key("globex", Role.STOREFRONT);
        initech = tenants.key("initech", Role.STOREFRONT);
        TestModels models = new TestModels(home.resolve("registry"));
        models.registry().approve("acme", "also-bought", models.publishAlsoBought("acme", List.of("milk", "bread"), "butter"));
        models.registry().approve("globex", "also-bought", models.publishAlsoBought("globex", List.of("nails", "glue"), "hammer"));
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        server = RunningServer.start(properties);
        http = new SignedHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersAnItemsNeighboursNamingVersionAndVariant() {
        HttpResponse<String> response = http.get(acme, "/v1/recommendations/also-bought?item=milk&k=1");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"items\":[{\"item\":\"butter\",\"score\":0.5}]"), response.body());
        assertTrue(response.body().contains("\"modelVersion\":\"v000001\",\"variant\":\"approved\""), response.body());
    }

    @Test
    void answersABasketPostedAsJsonWithoutItsOwnItems() {
        HttpResponse<String> response = http.post(acme, "/v1/recommendations/also-bought", "{\"basket\":[\"milk\",\"bread\"],\"k\":3}");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"item\":\"butter\""), response.body());
        assertFalse(response.body().contains("\"item\":\"milk\""), response.body());
    }

    @Test
    void neverShowsAnotherTenantsCatalogue() {
        HttpResponse<String> response = http.get(globex, "/v1/recommendations/also-bought?item=milk&k=10");

        assertEquals(200, response.statusCode(), response.body());
        assertFalse(response.body().contains("butter"), response.body());
        assertFalse(response.body().contains("bread"), response.body());
    }

    @Test
    void rejectsBadParametersWith400() {
        assertProblem(http.get(acme, "/v1/recommendations/also-bought?item=milk&k=0"), 400, "invalid-request");
        assertProblem(http.get(acme, "/v1/recommendations/also-bought?item=milk&k=101"), 400, "invalid-request");
        assertProblem(http.get(acme, "/v1/recommendations/also-bought?k=5"), 400, "invalid-request");
        assertProblem(http.post(acme, "/v1/recommendations/also-bought", "{\"basket\":[]}"), 400, "invalid-request");
    }

    @Test
    void answers503WhenTheTenantHasNoModel() {
        assertProblem(http.get(initech, "/v1/recommendations/also-bought?item=milk"), 503, "unavailable");
    }
}
