package io.aisle.serving.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.ProblemAssertions;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The loop closed: purchases posted to a running server land in its interaction log, a schedule retrains
 * also-bought from that log in a child JVM running the real training job, and the promotion rule approves the
 * new version or keeps the approved one; the runs route says which and why, and the endpoint serves the result.
 *
 * <p>The child runs the training module's packaged jar and its libraries, which {@code mvn verify} builds before
 * this module's tests.
 */
class ScheduledRetrainTest {

    private static final JsonMapper JSON = RetrainApi.JSON;
    private static final Duration TRAINING_LIMIT = Duration.ofMinutes(4);
    private static final Path TRAINING_TARGET = Path.of("..", "training-jobs", "target").toAbsolutePath().normalize();
    private static final List<String> SPARK_JAVA_FLAGS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static RetrainApi api;
    private static IssuedKey admin;
    private static IssuedKey storefront;
    private static final Random random = new Random(23);

    @BeforeAll
    static void start() {
        Path jar = TRAINING_TARGET.resolve("aisle-training-jobs.jar");
        assumeTrue(Files.exists(jar) && Files.isDirectory(TRAINING_TARGET.resolve("lib-spark")),
                "needs the packaged training job " + jar + " with lib/ and lib-spark/ (built by mvn -B verify or package)");
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        admin = tenants.key("acme", Role.ADMIN);
        storefront = tenants.key("acme", Role.STOREFRONT);
        List<String> command = new ArrayList<>(List.of(RetrainApi.javaBinary(), "-Xmx1g"));
        command.addAll(SPARK_JAVA_FLAGS);
        command.addAll(List.of("-Dspark.ui.enabled=false", "-cp", jar + ":" + TRAINING_TARGET.resolve("lib") + "/*:"
                + TRAINING_TARGET.resolve("lib-spark") + "/*", "io.aisle.training.cli.TrainingCli", "train"));
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.retrain.command", command);
        properties.put("aisle.retrain.check-interval", "500ms");
        properties.put("aisle.model-reload-interval", "500ms");
        server = RunningServer.start(properties);
        http = new SignedHttp(server);
        api = new RetrainApi(server, http);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** 400 orders of 3 to 5 items, all at {@code at}, posted as purchases in batches. */
    private static void postOrders(String prefix, Instant at, Supplier<Supplier<String>> itemsOfAnOrder) {
        List<String> events = new ArrayList<>();
        for (int order = 0; order < 400; order++) {
            Supplier<String> item = itemsOfAnOrder.get();
            List<String> items = new ArrayList<>();
            int size = 3 + random.nextInt(3);
            while (items.size() < size) {
                String next = item.get();
                if (!items.contains(next)) {
                    items.add(next);
                }
            }
            for (String i : items) {
                events.add("{\"user\":\"u-" + random.nextInt(60) + "\",\"item\":\"" + i + "\",\"type\":\"purchase\",\"ts\":\""
                        + at + "\",\"order\":\"" + prefix + order + "\"}");
            }
        }
        for (int from = 0; from < events.size(); from += 500) {
            String batch = "{\"events\":[" + String.join(",", events.subList(from, Math.min(events.size(), from + 500))) + "]}";
            HttpResponse<String> posted = http.post(storefront, "/v1/events", batch);
            assertEquals(202, posted.statusCode(), posted.body());
        }
    }

    private static JsonNode startRun() throws Exception {
        HttpResponse<String> started = api.send(admin, "POST", "/v1/admin/models/also-bought/runs", null);
        assertEquals(202, started.statusCode(), started.body());
        return JSON.readTree(started.body());
    }

    private static String servedVersion(String item) throws Exception {
        HttpResponse<String> answer = http.get(storefront, "/v1/recommendations/also-bought?item=" + item + "&k=5");
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()).get("modelVersion").asText() : "none";
    }

    private static void awaitServed(String item, String version) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!servedVersion(item).equals(version)) {
            assertTrue(System.nanoTime() < deadline, "the server did not swap in " + version);
            Thread.sleep(100);
        }
    }

    @Test
    void aScheduledRetrainLearnsFromPostedPurchasesAndPromotesOnlyWhatBeatsTheApprovedVersion() throws Exception {
        Instant twoDaysAgo = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant yesterday = twoDaysAgo.plus(1, ChronoUnit.DAYS);
        // Orders that mix five item families at random: little to learn, but a first version to approve.
        postOrders("n", twoDaysAgo, () -> () -> "f" + random.nextInt(5) + "-" + random.nextInt(8));
        assertEquals("none", servedVersion("f0-1"));

        assertEquals(200, api.send(admin, "PUT", "/v1/admin/models/also-bought/schedule",
                "{\"every\":\"PT24H\",\"window\":\"30d\"}").statusCode());
        JsonNode first = api.awaitScheduledRun(admin, TRAINING_LIMIT);
        String slot = first.get("id").asText();
        assertEquals("succeeded", first.get("status").asText(), first.toString());
        assertTrue(first.get("promoted").asBoolean());
        assertEquals("no version was approved yet", first.get("reason").asText());
        assertEquals("v000001", first.get("version").asText());
        assertEquals(400, first.get("report").get("rows").get("baskets").asInt(), "every posted order was trained on");
        awaitServed("f0-1", "v000001");

        // Nothing new since: no held-out order is newer than v000001's data, so the rule keeps it.
        JsonNode again = startRun();
        ProblemAssertions.assertProblem(api.send(admin, "POST", "/v1/admin/models/also-bought/runs",
                null), 409, "conflict");
        JsonNode refused = api.awaitFinished(admin, again.get("id").asText(), TRAINING_LIMIT);
        assertEquals("succeeded", refused.get("status").asText(), refused.toString());
        assertFalse(refused.get("promoted").asBoolean());
        assertEquals("v000002", refused.get("version").asText());
        assertEquals("only 0 held-out cases are newer than the data of approved v000001; 30 are needed to compare",
                refused.get("reason").asText());
        assertEquals("v000001", servedVersion("f0-1"));

        // A day of orders that keep to one family each: the retrained lists know them, v000001 cannot.
        postOrders("f", yesterday, () -> {
            int family = random.nextInt(5);
            return () -> "f" + family + "-" + random.nextInt(8);
        });
        Thread.sleep(1_100); // run ids have second resolution
        JsonNode better = api.awaitFinished(admin, startRun().get("id").asText(), TRAINING_LIMIT);
        assertEquals("succeeded", better.get("status").asText(), better.toString());
        assertTrue(better.get("promoted").asBoolean(), better.toString());
        assertTrue(better.get("reason").asText().startsWith("beats the approved version: hr@10"), better.toString());
        JsonNode promotion = better.get("report").get("promotion");
        assertTrue(promotion.get("candidate").asDouble() > promotion.get("approved").asDouble(), promotion.toString());
        assertEquals("v000003", better.get("version").asText());
        awaitServed("f0-1", "v000003");

        List<String> ids = new ArrayList<>();
        api.runs(admin).forEach(run -> ids.add(run.get("id").asText()));
        assertEquals(List.of(better.get("id").asText(), refused.get("id").asText(), slot), ids, "newest first");
    }
}
