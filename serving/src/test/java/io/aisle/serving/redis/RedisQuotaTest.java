package io.aisle.serving.redis;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import io.aisle.testing.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Quota buckets shared through Redis: the 429 comes from the bucket stored there. */
class RedisQuotaTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static IssuedKey admin;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        admin = tenants.key("acme", Role.ADMIN);
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.redis-url", redis.uri());
        properties.put("aisle.quota.requests-per-second", 1);
        properties.put("aisle.quota.burst", 3);
        server = RunningServer.start(properties);
        http = new SignedHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theBucketLivesInRedisAndRefusesOnceTheBurstIsSpent() {
        // The bucket holds 3 and refills 1 a second: a slow machine may earn a token back while the
        // requests go out, so count how many passed before the first 429 against what time allowed.
        long start = System.nanoTime();
        int passed = 0;
        HttpResponse<String> response = http.get(admin, "/v1/admin/keys");
        while (response.statusCode() == 200 && passed < 20) {
            passed++;
            response = http.get(admin, "/v1/admin/keys");
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        assertProblem(response, 429, "over-quota");
        assertTrue(passed >= 3 && passed <= 3 + (int) Math.ceil(seconds), passed + " requests passed in " + seconds + " s");
        try (RedisClient client = RedisClient.create(redis.uri()); StatefulRedisConnection<String, String> connection = client.connect()) {
            assertTrue(connection.sync().exists("t:acme:quota:admin") == 1, "the bucket is stored under the tenant's prefix");
        }
    }
}
