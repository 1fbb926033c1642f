package io.aisle.serving.idempotency;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.aisle.serving.events.EventBus;
import io.aisle.serving.events.UserHistoryStore;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retried writes with an Idempotency-Key are applied once and answered with the first answer. */
class IdempotentWritesTest {

    private static final String BATCH = "{\"events\":[{\"user\":\"u-1\",\"item\":\"milk\",\"type\":\"purchase\"},"
            + "{\"user\":\"u-1\",\"item\":\"jam\",\"type\":\"view\"}]}";
    /** A 5 x 5 floor: pods on the cells beside the two pillars, stations in the top and bottom rows. */
    private static final String WAREHOUSE = "{\"map\":\"type octile\\nheight 5\\nwidth 5\\nmap\\n.....\\n.@.@.\\n.....\\n.@.@.\\n.....\\n\","
            + "\"robots\":[{\"id\":\"r-1\",\"cell\":12}],\"skuCount\":1,\"skusPerPod\":1,\"serviceSteps\":1,\"chargers\":0,\"seed\":5}";

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static IssuedKey acme;
    private static IssuedKey globex;
    private static IssuedKey acmeWms;
    private static final AtomicInteger published = new AtomicInteger();

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        tenants.create("globex");
        acme = tenants.key("acme", Role.STOREFRONT);
        globex = tenants.key("globex", Role.STOREFRONT);
        acmeWms = tenants.key("acme", Role.WMS);
        IssuedKey admin = tenants.key("acme", Role.ADMIN);
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.warehouses.tick", "50ms");
        server = RunningServer.start(properties);
        http = new SignedHttp(server);
        // Count what reaches the bus's one consumer, then hand it on as the server does.
        UserHistoryStore histories = server.context().getBean(UserHistoryStore.class);
        server.context().getBean(EventBus.class).subscribe(events -> {
            published.addAndGet(events.size());
            return histories.apply(events);
        });
        HttpResponse<String> registered = server.send(http.signed(admin.key().keyId(), admin.secret(), "PUT",
                "/v1/admin/warehouses/w-1", WAREHOUSE, Instant.now()).build());
        assertEquals(201, registered.statusCode(), registered.body());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void resetCount() {
        published.set(0);
    }

    @Test
    void aRetriedEventBatchIsPublishedOnceAndGetsTheFirstAnswer() {
        HttpResponse<String> first = http.postIdempotent(acme, "/v1/events", BATCH, "batch-1");
        HttpResponse<String> retry = http.postIdempotent(acme, "/v1/events", BATCH, "batch-1");

        assertEquals(202, first.statusCode(), first.body());
        assertEquals(202, retry.statusCode(), retry.body());
        assertEquals(first.body(), retry.body());
        assertFalse(first.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER).isPresent());
        assertEquals("true", retry.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER).orElse(""));
        assertEquals(2, published.get(), "two events, published once");
    }

    @Test
    void withoutAKeyEveryRequestRuns() {
        http.post(acme, "/v1/events", BATCH);
        http.post(acme, "/v1/events", BATCH);

        assertEquals(4, published.get());
    }

    @Test
    void theSameKeyForAnotherBodyIsRefusedAndPublishesNothing() {
        assertEquals(202, http.postIdempotent(acme, "/v1/events", BATCH, "batch-2").statusCode());
        published.set(0);

        HttpResponse<String> other = http.postIdempotent(acme, "/v1/events",
                "{\"events\":[{\"user\":\"u-2\",\"item\":\"tea\",\"type\":\"cart\"}]}", "batch-2");

        assertProblem(other, 422, "idempotency-key-reused");
        assertEquals(0, published.get());
    }

    @Test
    void aFailedWriteFreesItsKeySoTheCorrectedRequestRuns() {
        HttpResponse<String> bad = http.postIdempotent(acme, "/v1/events",
                "{\"events\":[{\"user\":\"u-3\",\"item\":\"tea\",\"type\":\"stolen\"}]}", "batch-3");
        HttpResponse<String> corrected = http.postIdempotent(acme, "/v1/events", BATCH, "batch-3");

        assertProblem(bad, 400, "invalid-request");
        assertEquals(202, corrected.statusCode(), corrected.body());
        assertFalse(corrected.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER).isPresent());
        assertEquals(2, published.get());
    }

    @Test
    void keysBelongToTheirTenant() {
        assertEquals(202, http.postIdempotent(acme, "/v1/events", BATCH, "shared-key").statusCode());
        HttpResponse<String> other = http.postIdempotent(globex, "/v1/events", BATCH, "shared-key");

        assertEquals(202, other.statusCode(), other.body());
        assertFalse(other.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER).isPresent());
        assertEquals(4, published.get(), "each tenant's batch ran");
    }

    @Test
    void aMalformedKeyIsRefusedBeforeAnythingRuns() {
        HttpResponse<String> response = http.postIdempotent(acme, "/v1/events", BATCH, "x".repeat(256));

        assertProblem(response, 400, "invalid-request");
        assertEquals(0, published.get());
    }

    @Test
    void aRetriedOrderGetsItsFirstAnswerInsteadOfAConflict() {
        String order = "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"sku-0\",\"quantity\":1}]}";
        HttpResponse<String> first = http.postIdempotent(acmeWms, "/v1/warehouses/w-1/orders", order, "order-o-1");
        HttpResponse<String> retry = http.postIdempotent(acmeWms, "/v1/warehouses/w-1/orders", order, "order-o-1");
        HttpResponse<String> unkeyed = http.post(acmeWms, "/v1/warehouses/w-1/orders", order);

        assertEquals(202, first.statusCode(), first.body());
        assertEquals(202, retry.statusCode(), retry.body());
        assertEquals(first.body(), retry.body());
        assertProblem(unkeyed, 409, "conflict");
    }
}
