package io.aisle.serving.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Simulated shoppers against a live server: each shopper likes one category, views an item of it, asks for
 * also-bought (10 items), views a shown item of their category with probability {@value #LIKED_CLICK} and any other
 * with {@value #OTHER_CLICK}, carts a viewed item with 0.3 and buys a carted one with 0.5, every event naming the
 * recommendation. The trained model lists items of the same category; the popularity model lists the ten most
 * popular items (one per category) for every item. An A/B test of the two must find the trained one better with
 * significance; an A/A test of one version against itself, repeated over 20 seeds, may call at most one of them
 * significant (the stated 5%).
 */
class ExperimentSimulationTest {

    static final double LIKED_CLICK = 0.08;
    static final double OTHER_CLICK = 0.01;
    private static final int ITEMS = 200;
    private static final int CATEGORIES = 10;
    private static final int SHOPPERS_PER_RUN = 300;
    private static final int AA_SEEDS = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static IssuedKey shop;
    private static IssuedKey admin;
    private static String popularity;
    private static String trained;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        shop = tenants.key("acme", Role.STOREFRONT);
        admin = tenants.key("acme", Role.ADMIN);
        TestModels models = new TestModels(home.resolve("registry"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            ids.add("i" + i);
        }
        int[][] popular = new int[ITEMS][];
        int[][] sameCategory = new int[ITEMS][];
        for (int i = 0; i < ITEMS; i++) {
            popular[i] = new int[CATEGORIES];
            sameCategory[i] = new int[CATEGORIES];
            for (int n = 0; n < CATEGORIES; n++) {
                popular[i][n] = n == i ? CATEGORIES : n;
                sameCategory[i][n] = (i + (n + 1) * CATEGORIES) % ITEMS;
            }
        }
        popularity = models.publishAlsoBought("acme", ids, popular, "popularity");
        trained = models.publishAlsoBought("acme", ids, sameCategory, "same-category");
        models.registry().approve("acme", "also-bought", popularity);
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
    void trainedModelBeatsPopularityWithSignificance() {
        JsonNode report = run("ab", popularity, trained, 1);

        JsonNode clicks = comparison(report, "click");
        System.out.println("A/B popularity vs trained, " + SHOPPERS_PER_RUN + " shoppers: " + report);
        assertTrue(clicks.get("difference").asDouble() > 0, report.toString());
        assertTrue(clicks.get("significant").asBoolean(), report.toString());
        assertTrue(clicks.get("ci95").get("lower").asDouble() > 0, report.toString());
    }

    @Test
    void aaTestsCallAtMostTheStatedShareSignificant() {
        int falsePositives = 0;
        StringBuilder figures = new StringBuilder();
        for (int seed = 1; seed <= AA_SEEDS; seed++) {
            JsonNode clicks = comparison(run("aa" + seed, trained, trained, seed), "click");
            figures.append(String.format("seed %d: %.4f vs %.4f, diff %.4f [%.4f, %.4f] %s%n", seed, clicks.get("controlRate").asDouble(),
                    clicks.get("variantRate").asDouble(), clicks.get("difference").asDouble(),
                    clicks.get("ci95").get("lower").asDouble(), clicks.get("ci95").get("upper").asDouble(),
                    clicks.get("significant").asBoolean() ? "significant" : ""));
            if (clicks.get("significant").asBoolean()) {
                falsePositives++;
            }
        }
        System.out.print("A/A over " + AA_SEEDS + " seeds:\n" + figures + "false positives: " + falsePositives + "\n");
        assertTrue(falsePositives <= AA_SEEDS * 0.05, falsePositives + " of " + AA_SEEDS + "\n" + figures);
    }

    /** One experiment: a fresh plan (names unique to the run, so runs do not share counts) and its shoppers. */
    private static JsonNode run(String name, String controlVersion, String variantVersion, long seed) {
        HttpResponse<String> planned = server.send(http.signed(admin.key().keyId(), admin.secret(), "PUT",
                "/v1/admin/models/also-bought/variants", "{\"arms\":[{\"variant\":\"" + name + "-a\",\"version\":\"" + controlVersion
                        + "\",\"weight\":1},{\"variant\":\"" + name + "-b\",\"version\":\"" + variantVersion + "\",\"weight\":1}]}",
                Instant.now()).build());
        assertEquals(200, planned.statusCode(), planned.body());
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < SHOPPERS_PER_RUN; s++) {
            shop(name + "-u" + s, random);
        }
        HttpResponse<String> report = http.get(admin, "/v1/admin/models/also-bought/experiment");
        assertEquals(200, report.statusCode(), report.body());
        return JSON.readTree(report.body());
    }

    private static void shop(String user, SplittableRandom random) {
        int category = random.nextInt(CATEGORIES);
        int seen = category + CATEGORIES * random.nextInt(ITEMS / CATEGORIES);
        HttpResponse<String> answer = http.get(shop, "/v1/recommendations/also-bought?item=i" + seen + "&k=10&user=" + user);
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode body = JSON.readTree(answer.body());
        String id = body.get("recommendationId").asString();
        List<String> events = new ArrayList<>();
        for (JsonNode shown : body.get("items")) {
            String item = shown.get("item").asString();
            boolean liked = Integer.parseInt(item.substring(1)) % CATEGORIES == category;
            if (random.nextDouble() < (liked ? LIKED_CLICK : OTHER_CLICK)) {
                events.add(event(user, item, "view", id));
                if (random.nextDouble() < 0.3) {
                    events.add(event(user, item, "cart", id));
                    if (random.nextDouble() < 0.5) {
                        events.add(event(user, item, "purchase", id));
                    }
                }
            }
        }
        if (!events.isEmpty()) {
            HttpResponse<String> posted = http.post(shop, "/v1/events", "{\"events\":[" + String.join(",", events) + "]}");
            assertEquals(202, posted.statusCode(), posted.body());
        }
    }

    private static JsonNode comparison(JsonNode report, String outcome) {
        for (JsonNode comparison : report.get("comparisons")) {
            if (comparison.get("outcome").asString().equals(outcome)) {
                return comparison;
            }
        }
        throw new AssertionError("no " + outcome + " comparison in " + report);
    }

    private static String event(String user, String item, String type, String recommendationId) {
        return "{\"user\":\"" + user + "\",\"item\":\"" + item + "\",\"type\":\"" + type + "\",\"recommendationId\":\""
                + recommendationId + "\"}";
    }
}
