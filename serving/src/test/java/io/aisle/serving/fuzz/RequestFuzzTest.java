package io.aisle.serving.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestModels;
import io.aisle.serving.testing.TestTenants;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten thousand random and mutated requests across the endpoints, most of them validly signed
 * so they reach the handlers: none may answer 5xx, and every error is problem+json.
 */
class RequestFuzzTest {

    private static final int REQUESTS = 10_000;
    private static final List<String> PATHS = List.of(
            "/v1/events", "/v1/admin/keys", "/v1/admin/keys/ak_0", "/v1/recommendations/also-bought",
            "/v1/recommendations/for-you", "/v1/stores/s-1/shelf-readings", "/v1/warehouses/w-1/orders",
            "/v1/warehouses/w-1/robots/r-1/telemetry", "/v1/ping", "/v1/nothing", "/v1/");
    private static final List<String> BODIES = List.of(
            "{\"events\":[{\"user\":\"u-1\",\"item\":\"milk\",\"type\":\"purchase\"}]}",
            "{\"events\":[{\"user\":\"u-1\",\"item\":\"milk\",\"type\":\"view\",\"ts\":\"2026-11-26T10:15:00Z\",\"order\":\"o\"}]}",
            "{\"roles\":[\"storefront\"]}", "{\"roles\":[\"robot\"],\"robot\":\"r-1\"}", "{}", "[]", "null", "");

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static List<IssuedKey> keys;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        keys = List.of(tenants.key("acme", Role.values()[0], Role.ADMIN), tenants.key("acme", Role.STORE_DEVICE, Role.WMS),
                tenants.robotKey("acme", "r-1"));
        TestModels models = new TestModels(home.resolve("registry"));
        models.registry().approve("acme", "also-bought", models.publishAlsoBought("acme", List.of("milk", "bread"), "butter"));
        models.registry().approve("acme", "for-you", models.publishForYou("acme", List.of("milk", "bread", "eggs")));
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
    void noRandomOrMutatedRequestGetsA5xx() {
        Random random = new Random(20261126L);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new HashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            HttpRequest request = randomRequest(random, i);
            HttpResponse<String> response;
            try {
                response = server.send(request);
            } catch (UncheckedIOException unanswered) {
                // No second try: every request must be answered on its keep-alive connection. Reactor
                // Netty up to 1.3.7 left about one in 10,000 unanswered (see KeepAliveConnectionTest).
                failures.add(request.method() + " " + request.uri() + " " + request.headers().map() + " -> " + unanswered.getCause());
                continue;
            }
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() >= 500) {
                failures.add(request.method() + " " + request.uri() + " -> " + response.statusCode() + " " + response.body());
            } else if (response.statusCode() >= 400 && response.statusCode() != 405
                    && !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                failures.add(request.method() + " " + request.uri() + " -> " + response.statusCode() + " without problem+json");
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(8, failures.size())), failures.size() + " failures");
        assertTrue(statuses.keySet().stream().anyMatch(status -> status < 300), "some requests must get through: " + statuses);
        assertTrue(statuses.getOrDefault(400, 0) > 100, "many must reach validation: " + statuses);
    }

    private static HttpRequest randomRequest(Random random, int index) {
        String method = pick(random, List.of("GET", "POST", "DELETE", "PUT"));
        String path = mutatePath(random, pick(random, PATHS));
        String query = random.nextInt(3) == 0 ? "?" + mutate(random, "item=milk&k=10&user=u-1") : "";
        String body = method.equals("GET") || method.equals("DELETE") ? null : mutate(random, pick(random, BODIES));
        IssuedKey key = keys.get(random.nextInt(keys.size()));
        Instant at = Instant.now().plusMillis(index);
        HttpRequest.Builder builder;
        try {
            builder = http.signed(key.key().keyId(), key.secret(), method, path + query, body, at);
        } catch (IllegalArgumentException unsendableUri) {
            builder = http.signed(key.key().keyId(), key.secret(), method, "/v1/events", body, at);
        }
        switch (random.nextInt(10)) {
            case 0 -> builder.setHeader("Authorization", mutate(random, "AISLE-HMAC-SHA256 Credential=x/20261126, SignedHeaders=host, Signature=00"));
            case 1 -> builder.setHeader("x-aisle-date", mutate(random, "20261126T101500Z"));
            case 2 -> builder.setHeader("Content-Type", pick(random, List.of("text/plain", "application/xml", "application/json;charset=latin1", "")));
            default -> { }
        }
        return builder.timeout(Duration.ofSeconds(5)).build();
    }

    private static String mutatePath(Random random, String path) {
        return random.nextInt(8) == 0 ? path + "/" + (char) ('a' + random.nextInt(26)) : path;
    }

    /** Flips, deletes, duplicates or inserts a few characters; sometimes leaves the text alone. */
    private static String mutate(Random random, String text) {
        if (text.isEmpty() || random.nextInt(3) == 0) {
            return text;
        }
        StringBuilder mutated = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && mutated.length() > 0; e++) {
            int at = random.nextInt(mutated.length());
            switch (random.nextInt(4)) {
                case 0 -> mutated.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 1 -> mutated.deleteCharAt(at);
                case 2 -> mutated.insert(at, mutated.charAt(at));
                default -> mutated.insert(at, new String(new byte[] {(byte) (0x80 + random.nextInt(64))}, StandardCharsets.ISO_8859_1));
            }
        }
        return mutated.toString();
    }

    private static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
