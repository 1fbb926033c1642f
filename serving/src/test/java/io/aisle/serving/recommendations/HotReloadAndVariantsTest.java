package io.aisle.serving.recommendations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.recommender.alsobought.AlsoBoughtScorer;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestModels;
import io.aisle.serving.testing.TestTenants;
import java.lang.ref.WeakReference;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HotReloadAndVariantsTest {

    private static final Pattern VERSION_AND_VARIANT = Pattern.compile("\"modelVersion\":\"([^\"]+)\",\"variant\":\"([^\"]+)\"");

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static TestModels models;
    private static IssuedKey storefront;
    private static IssuedKey admin;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        tenants.create("globex");
        storefront = tenants.key("acme", Role.STOREFRONT);
        admin = tenants.key("acme", Role.ADMIN);
        models = new TestModels(home.resolve("registry"));
        models.registry().approve("acme", "also-bought", models.publishAlsoBought("acme", List.of("milk"), "butter"));
        models.registry().approve("globex", "also-bought", models.publishAlsoBought("globex", List.of("nails"), "hammer"));
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.quota.requests-per-second", 1_000_000);
        properties.put("aisle.quota.burst", 1_000_000);
        server = RunningServer.start(properties);
        http = new SignedHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void approvingANewVersionUnderLoadFailsNoRequestAndReleasesTheOldOne() throws Exception {
        String v2 = models.publishAlsoBought("acme", List.of("milk"), "jam");
        WeakReference<AlsoBoughtScorer> v1 = new WeakReference<>(alsoBought().choose(new TenantId("acme"), "x").orElseThrow().model());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        List<Thread> load = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    HttpResponse<String> response = http.get(storefront, "/v1/recommendations/also-bought?item=milk&k=1");
                    Matcher matcher = VERSION_AND_VARIANT.matcher(response.body());
                    if (response.statusCode() != 200 || !matcher.find()) {
                        failures.incrementAndGet();
                    } else {
                        versionsSeen.add(matcher.group(1));
                    }
                }
            });
            thread.start();
            load.add(thread);
        }
        Thread.sleep(500);

        HttpResponse<String> approved = http.post(admin, "/v1/admin/models/also-bought/approve", "{\"version\":\"" + v2 + "\"}");
        assertEquals(200, approved.statusCode(), approved.body());
        assertTrue(http.get(storefront, "/v1/recommendations/also-bought?item=milk&k=1").body().contains("\"item\":\"jam\""));
        Thread.sleep(500);
        running.set(false);
        for (Thread thread : load) {
            thread.join();
        }

        assertEquals(0, failures.get(), "no request may fail during the swap");
        assertEquals(Set.of("v000001", "v000002"), versionsSeen);
        for (int attempt = 0; attempt < 50 && v1.get() != null; attempt++) {
            System.gc();
            Thread.sleep(100);
        }
        assertNull(v1.get(), "the replaced version must become garbage");
    }

    @Test
    void splitsTrafficByWeightStickyPerUserAndNeverReturnsTheShadow() {
        String control = models.registry().findApproved("globex", "also-bought").orElseThrow();
        String candidate = models.publishAlsoBought("globex", List.of("nails"), "screws");
        String shadow = models.publishAlsoBought("globex", List.of("nails"), "tape");
        IssuedKey globexAdmin = keyOf("globex", Role.ADMIN);
        IssuedKey globexShop = keyOf("globex", Role.STOREFRONT);
        String plan = "{\"arms\":[{\"variant\":\"control\",\"version\":\"" + control + "\",\"weight\":70},"
                + "{\"variant\":\"candidate\",\"version\":\"" + candidate + "\",\"weight\":30}],"
                + "\"shadow\":{\"variant\":\"shadow\",\"version\":\"" + shadow + "\",\"weight\":0}}";
        assertEquals(200, server.send(http.signed(globexAdmin.key().keyId(), globexAdmin.secret(), "PUT",
                "/v1/admin/models/also-bought/variants", plan, Instant.now()).build()).statusCode());

        int users = 2000;
        int candidates = 0;
        for (int u = 0; u < users; u++) {
            String first = variantOf(http.get(globexShop, "/v1/recommendations/also-bought?item=nails&k=1&user=u" + u));
            if (u < 200) {
                String again = variantOf(http.get(globexShop, "/v1/recommendations/also-bought?item=nails&k=1&user=u" + u));
                assertEquals(first, again, "user u" + u + " must stay in one variant");
            }
            if (first.equals("candidate")) {
                candidates++;
            }
        }

        double share = candidates / (double) users;
        assertTrue(Math.abs(share - 0.30) < 0.04, "candidate share " + share + " should be 0.30 within 0.04");
    }

    @Test
    void reportsEachVariantsLatencyAndTheShadowsOverlapToItsOwnTenantAlone() {
        new TestTenants(home).create("initech");
        String control = models.publishAlsoBought("initech", List.of("nails"), "hammer");
        models.registry().approve("initech", "also-bought", control);
        String shadow = models.publishAlsoBought("initech", List.of("nails"), "hammer");
        IssuedKey initechShop = new TestTenants(home).key("initech", Role.STOREFRONT);
        IssuedKey initechAdmin = keyOf("initech", Role.ADMIN);
        String plan = "{\"arms\":[{\"variant\":\"only\",\"version\":\"" + control + "\",\"weight\":100}],"
                + "\"shadow\":{\"variant\":\"echo\",\"version\":\"" + shadow + "\",\"weight\":0}}";
        assertEquals(200, server.send(http.signed(initechAdmin.key().keyId(), initechAdmin.secret(), "PUT",
                "/v1/admin/models/also-bought/variants", plan, Instant.now()).build()).statusCode());
        for (int u = 0; u < 40; u++) {
            assertEquals("only", variantOf(http.get(initechShop, "/v1/recommendations/also-bought?item=nails&k=1&user=u" + u)));
        }

        HttpResponse<String> response = http.get(initechAdmin, "/v1/admin/recommendation-metrics");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode metrics = JsonMapper.builder().build().readTree(response.body());
        assertEquals(1, metrics.get("latency").size(), response.body());
        JsonNode latency = metrics.get("latency").get(0);
        assertEquals("also-bought", latency.get("endpoint").asString());
        assertEquals("only", latency.get("variant").asString());
        assertEquals(40, latency.get("requests").asLong());
        assertTrue(latency.get("meanMillis").asDouble() > 0 && latency.get("meanMillis").asDouble() <= latency.get("maxMillis").asDouble(),
                response.body());
        JsonNode overlap = metrics.get("shadowOverlap").get(0);
        assertEquals("echo", overlap.get("variant").asString());
        assertEquals(40, overlap.get("requests").asLong());
        assertEquals(1.0, overlap.get("meanOverlap").asDouble(), 1e-9);
        String acmeMetrics = http.get(admin, "/v1/admin/recommendation-metrics").body();
        assertTrue(!acmeMetrics.contains("\"only\"") && !acmeMetrics.contains("\"echo\""), acmeMetrics);
    }

    private static String variantOf(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(!response.body().contains("\"item\":\"tape\""), "the shadow's answer is never returned");
        Matcher matcher = VERSION_AND_VARIANT.matcher(response.body());
        assertTrue(matcher.find(), response.body());
        return matcher.group(2);
    }

    private static IssuedKey keyOf(String tenant, Role role) {
        IssuedKey key = new TestTenants(home).key(tenant, role);
        try {
            Thread.sleep(1_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return key;
    }

    @SuppressWarnings("unchecked")
    private static ModelDeployments<AlsoBoughtScorer> alsoBought() {
        return server.context().getBean("alsoBoughtDeployments", ModelDeployments.class);
    }
}
