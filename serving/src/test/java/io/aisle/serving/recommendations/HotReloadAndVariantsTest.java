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
