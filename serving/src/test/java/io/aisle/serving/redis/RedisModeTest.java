package io.aisle.serving.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestModels;
import io.aisle.serving.testing.TestTenants;
import io.aisle.testing.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The server with {@code aisle.redis-url} set, against a real redis-server that goes away mid-test. */
class RedisModeTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static IssuedKey storefront;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        storefront = tenants.key("acme", Role.STOREFRONT);
        TestModels models = new TestModels(home.resolve("registry"));
        models.registry().approve("acme", "also-bought", models.publishAlsoBought("acme", List.of("milk"), "butter"));
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.redis-url", redis.uri());
        server = RunningServer.start(properties);
        http = new SignedHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void keepsEveryKeyUnderItsTenantPrefix() {
        HttpResponse<String> response = http.post(storefront, "/v1/events",
                "{\"events\":[{\"user\":\"u-9\",\"item\":\"milk\",\"type\":\"purchase\"}]}");

        assertEquals(202, response.statusCode(), response.body());
        try (RedisClient client = RedisClient.create(redis.uri()); StatefulRedisConnection<String, String> connection = client.connect()) {
            assertTrue(connection.sync().smembers("t:acme:u:u-9:bought").contains("milk"));
            assertEquals(List.of("milk"), connection.sync().lrange("t:acme:u:u-9:recent", 0, -1));
            assertTrue(connection.sync().keys("*").stream().allMatch(key -> key.startsWith("t:acme:")),
                    String.valueOf(connection.sync().keys("*")));
        }
    }

    @Test
    void recommendationsKeepAnsweringThroughARedisOutageAndTheRedisPathResumes() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        List<Thread> load = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    HttpResponse<String> response = http.get(storefront, "/v1/recommendations/also-bought?item=milk&k=1");
                    if (response.statusCode() == 200 && response.body().contains("butter")) {
                        answered.incrementAndGet();
                    } else {
                        failures.incrementAndGet();
                    }
                }
            });
            thread.start();
            load.add(thread);
        }
        Thread.sleep(300);

        redis.stop();
        Thread.sleep(1_500);
        int duringOutage = answered.get();
        redis.start();
        Thread.sleep(2_500);
        running.set(false);
        for (Thread thread : load) {
            thread.join();
        }

        assertEquals(0, failures.get(), "no recommendation call may fail while Redis is away");
        assertTrue(answered.get() > duringOutage, "calls went on after the restart");
        try (RedisClient client = RedisClient.create(redis.uri()); StatefulRedisConnection<String, String> connection = client.connect()) {
            assertTrue(connection.sync().keys("t:acme:nonce:*").size() > 0,
                    "after the restart the replay nonces are written to Redis again");
        }
    }
}
