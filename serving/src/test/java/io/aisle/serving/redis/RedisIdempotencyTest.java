package io.aisle.serving.redis;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.serving.events.EventBus;
import io.aisle.serving.events.UserHistoryStore;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import io.aisle.testing.RedisServerExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two replicas sharing Redis: a retry that lands on the other replica still gets the first answer. */
class RedisIdempotencyTest {

    private static final String BATCH = "{\"events\":[{\"user\":\"u-1\",\"item\":\"milk\",\"type\":\"purchase\"}]}";

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir
    static Path home;

    private static RunningServer first;
    private static RunningServer second;
    private static IssuedKey storefront;
    private static final AtomicInteger publishedByFirst = new AtomicInteger();
    private static final AtomicInteger publishedBySecond = new AtomicInteger();

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        storefront = tenants.key("acme", Role.STOREFRONT);
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.redis-url", redis.uri());
        first = countingPublished(RunningServer.start(properties), publishedByFirst);
        second = countingPublished(RunningServer.start(properties), publishedBySecond);
    }

    private static RunningServer countingPublished(RunningServer server, AtomicInteger count) {
        UserHistoryStore histories = server.context().getBean(UserHistoryStore.class);
        server.context().getBean(EventBus.class).subscribe(events -> {
            count.addAndGet(events.size());
            return histories.apply(events);
        });
        return server;
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
    }

    @Test
    void aRetryOnAnotherReplicaIsAnsweredFromRedisAndRunsNothing() {
        HttpResponse<String> answer = new SignedHttp(first).postIdempotent(storefront, "/v1/events", BATCH, "k-1");
        HttpResponse<String> retry = new SignedHttp(second).postIdempotent(storefront, "/v1/events", BATCH, "k-1");
        HttpResponse<String> misuse = new SignedHttp(second).postIdempotent(storefront, "/v1/events",
                BATCH.replace("milk", "jam"), "k-1");

        assertEquals(202, answer.statusCode(), answer.body());
        assertEquals(202, retry.statusCode(), retry.body());
        assertEquals(answer.body(), retry.body());
        assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertProblem(misuse, 422, "idempotency-key-reused");
        assertEquals(1, publishedByFirst.get());
        assertEquals(0, publishedBySecond.get());
    }
}
