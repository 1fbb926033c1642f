package io.aisle.serving.retrain;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Signed calls to the schedule and runs routes of one running server, and waiting for a run to end. */
record RetrainApi(RunningServer server, SignedHttp http) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    HttpResponse<String> send(IssuedKey key, String method, String path, String json) {
        return server.send(http.signed(key.key().keyId(), key.secret(), method, path, json, Instant.now()).build());
    }

    JsonNode runs(IssuedKey key) {
        return JSON.readTree(send(key, "GET", "/v1/admin/models/also-bought/runs", null).body()).get("runs");
    }

    /** The run once it has succeeded or failed; fails the test after {@code limit}. */
    JsonNode awaitFinished(IssuedKey key, String runId, Duration limit) throws InterruptedException {
        return awaitFinished(key, run -> run.get("id").asText().equals(runId), "run " + runId, limit);
    }

    /** The first run of the schedule, once it has succeeded or failed. */
    JsonNode awaitScheduledRun(IssuedKey key, Duration limit) throws InterruptedException {
        return awaitFinished(key, run -> run.get("trigger").asText().equals("schedule"), "a scheduled run", limit);
    }

    private JsonNode awaitFinished(IssuedKey key, Predicate<JsonNode> which, String what, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode run : runs(key)) {
                String status = run.get("status").asText();
                if (which.test(run) && (status.equals("succeeded") || status.equals("failed"))) {
                    return run;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + " did not finish in " + limit);
    }
}
