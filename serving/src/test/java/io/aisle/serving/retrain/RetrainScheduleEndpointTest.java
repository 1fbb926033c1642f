package io.aisle.serving.retrain;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schedule and runs routes, their refusals, roles and tenant isolation, and how a run that cannot train is
 * recorded. The training command here is a real child JVM that fails to start its main class; the run that trains
 * for real is {@link ScheduledRetrainTest}'s.
 */
class RetrainScheduleEndpointTest {

    private static final JsonMapper JSON = RetrainApi.JSON;

    @TempDir
    static Path home;

    private static RunningServer server;
    private static RetrainApi api;
    private static IssuedKey acmeAdmin;
    private static IssuedKey globexAdmin;
    private static IssuedKey acmeStorefront;
    private static IssuedKey initechAdmin;
    private static IssuedKey initechStorefront;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        tenants.create("globex");
        acmeAdmin = tenants.key("acme", Role.ADMIN);
        globexAdmin = tenants.key("globex", Role.ADMIN);
        acmeStorefront = tenants.key("acme", Role.STOREFRONT);
        tenants.create("initech");
        initechAdmin = tenants.key("initech", Role.ADMIN);
        initechStorefront = tenants.key("initech", Role.STOREFRONT);
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.retrain.command", List.of(RetrainApi.javaBinary(), "-cp", home.toString(), "no.such.TrainingMain"));
        properties.put("aisle.retrain.check-interval", "200ms");
        server = RunningServer.start(properties);
        api = new RetrainApi(server, new SignedHttp(server));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(IssuedKey key, String method, String path, String json) {
        return api.send(key, method, path, json);
    }

    private static JsonNode awaitFinished(IssuedKey key, String runId) throws InterruptedException {
        return api.awaitFinished(key, runId, Duration.ofSeconds(60));
    }

    @Test
    void aScheduleStartsItsFirstRunAtOnceAndIsSetReadAndDeletedByItsTenantsAdminOnly() throws Exception {
        String path = "/v1/admin/models/also-bought/schedule";
        assertProblem(send(initechAdmin, "GET", path, null), 404, "not-found");

        HttpResponse<String> set = send(initechAdmin, "PUT", path, "{\"every\":\"PT24H\",\"window\":\"30d\",\"minGain\":0.01}");
        assertEquals(200, set.statusCode(), set.body());
        JsonNode schedule = JSON.readTree(send(initechAdmin, "GET", path, null).body());
        assertEquals("PT24H", schedule.get("every").asText());
        assertEquals("30d", schedule.get("window").asText());
        assertEquals(0.01, schedule.get("minGain").asDouble(), 1e-12);

        // The day's slot is due at once: one scheduled run, and a marker that the slot is taken.
        JsonNode run = api.awaitScheduledRun(initechAdmin, Duration.ofSeconds(60));
        assertTrue(run.get("id").asText().endsWith("-schedule"), run.toString());
        String slot = "slot-" + Instant.parse(run.get("queuedAt").asText()).truncatedTo(ChronoUnit.DAYS).toString()
                .replace("-", "").replace(":", "");
        assertTrue(Files.exists(home.resolve("registry/initech/runs/also-bought/" + slot)), slot);
        assertEquals("failed", run.get("status").asText(), "this server's training command cannot start");
        Thread.sleep(600);
        assertEquals(1, api.runs(initechAdmin).size(), "the slot runs once, however often the schedule is checked");

        assertProblem(send(globexAdmin, "GET", path, null), 404, "not-found");
        assertProblem(send(initechStorefront, "GET", path, null), 403, "forbidden-role");
        assertProblem(send(initechStorefront, "PUT", path, "{\"every\":\"PT1H\"}"), 403, "forbidden-role");

        assertEquals(204, send(initechAdmin, "DELETE", path, null).statusCode());
        assertProblem(send(initechAdmin, "DELETE", path, null), 404, "not-found");
    }

    @Test
    void refusesABadScheduleAndChangesNothing() {
        String path = "/v1/admin/models/also-bought/schedule";
        assertProblem(send(globexAdmin, "PUT", path, "{\"every\":\"daily\"}"), 400, "invalid-request");
        assertProblem(send(globexAdmin, "PUT", path, "{\"every\":\"PT10S\"}"), 400, "invalid-request");
        assertProblem(send(globexAdmin, "PUT", path, "{\"every\":\"PT1H\",\"window\":\"last month\"}"), 400, "invalid-request");
        assertProblem(send(globexAdmin, "PUT", path, "{\"every\":\"PT1H\",\"minGain\":2}"), 400, "invalid-request");
        assertProblem(send(globexAdmin, "PUT", path, "{\"window\":\"30d\"}"), 400, "invalid-request");
        assertProblem(send(globexAdmin, "PUT", path, "{\"every\":"), 400, "malformed-body");
        assertProblem(send(globexAdmin, "PUT", "/v1/admin/models/for-you/schedule", "{\"every\":\"PT1H\"}"), 400,
                "invalid-request");
        assertProblem(send(globexAdmin, "PUT", "/v1/admin/models/nope/schedule", "{\"every\":\"PT1H\"}"), 404, "not-found");
        assertProblem(send(globexAdmin, "GET", path, null), 404, "not-found");
        assertTrue(Files.notExists(home.resolve("registry/globex/runs/also-bought/schedule.json")));
    }

    @Test
    void aRunWhoseTrainingCannotStartIsRecordedFailedWithTheChildsOwnWords() throws Exception {
        HttpResponse<String> started = send(acmeAdmin, "POST", "/v1/admin/models/also-bought/runs", null);
        assertEquals(202, started.statusCode(), started.body());
        String id = JSON.readTree(started.body()).get("id").asText();
        assertTrue(id.endsWith("-manual"), id);

        JsonNode run = awaitFinished(acmeAdmin, id);
        assertEquals("failed", run.get("status").asText());
        assertEquals("manual", run.get("trigger").asText());
        assertEquals(1, run.get("exitCode").asInt());
        assertTrue(run.get("reason").asText().startsWith("training exited with 1: Error: Could not find or load main class"
                + " no.such.TrainingMain"), run.toString());
        assertTrue(Files.exists(home.resolve("registry/acme/runs/also-bought/" + id + "/training.log")));

        assertEquals(0, api.runs(globexAdmin).size(), "globex sees none of acme's runs");
        assertProblem(send(acmeAdmin, "POST", "/v1/admin/models/ranker/runs", null), 400, "invalid-request");
        assertProblem(send(acmeStorefront, "POST", "/v1/admin/models/also-bought/runs", null), 403, "forbidden-role");
    }

    @Test
    void aRunThatAStoppedServerLeftRunningIsClosedAsInterrupted() throws Exception {
        // A server of this host, long gone, left its run behind: no process has that pid.
        long deadPid = ProcessHandle.current().pid() + 1_000_000;
        RetrainRuns runs = new RetrainRuns(home.resolve("registry"));
        RetrainRun left = new RetrainRun("20260101T000000Z-schedule", "also-bought", RetrainRun.Trigger.SCHEDULE,
                RetrainRun.Status.RUNNING, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:01Z"),
                null, null, null, null, null, deadPid + "@" + InetAddress.getLocalHost().getHostName(), null);
        runs.claim("acme", left);

        JsonNode closed = awaitFinished(acmeAdmin, left.id());
        assertEquals("failed", closed.get("status").asText());
        assertTrue(closed.get("reason").asText().startsWith("interrupted: server " + deadPid + "@"), closed.toString());
    }
}
