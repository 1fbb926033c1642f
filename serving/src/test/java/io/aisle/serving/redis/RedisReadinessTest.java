package io.aisle.serving.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.TestTenants;
import io.aisle.testing.RedisServerExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A replica that requires Redis leaves the load balancer's rotation while Redis is down, and comes back. */
class RedisReadinessTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir
    static Path home;

    private static RunningServer required;
    private static RunningServer tolerant;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.redis-url", redis.uri());
        properties.put("aisle.redis-required", true);
        required = RunningServer.start(properties);
        properties.put("aisle.redis-required", false);
        tolerant = RunningServer.start(properties);
    }

    @AfterAll
    static void stop() {
        required.close();
        tolerant.close();
    }

    @Test
    void readinessIsDownWhileRequiredRedisIsAwayAndLivenessStaysUp() {
        assertEquals(200, readiness(required).statusCode());

        redis.stop();
        try {
            HttpResponse<String> down = awaitReadiness(required, status -> status == 503);
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().contains("\"DOWN\""), down.body());
            assertEquals(200, required.get("/actuator/health/liveness").statusCode());
            assertEquals(200, readiness(tolerant).statusCode(), "a replica that does not require Redis serves on");
        } finally {
            redis.start();
        }

        HttpResponse<String> back = awaitReadiness(required, status -> status == 200);
        assertEquals(200, back.statusCode(), back.body());
    }

    private static HttpResponse<String> readiness(RunningServer server) {
        return server.get("/actuator/health/readiness");
    }

    /** Lettuce reconnects in the background: poll until the status is reached or 20 s have passed. */
    private static HttpResponse<String> awaitReadiness(RunningServer server, IntPredicate status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<String> response = readiness(server);
        while (!status.test(response.statusCode()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            response = readiness(server);
        }
        return response;
    }
}
