package io.aisle.simulations.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisle.client.RequestSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Signed JSON requests to one Aisle server with one key. Thread-safe. */
final class SignedClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final RequestSigner signer;
    private final HttpClient http;

    SignedClient(URI base, String keyId, String secret) {
        this(base, keyId, secret, newHttpClient());
    }

    /** Shares {@code http}'s connection pool and selector thread, as a fleet of simulated devices in one process does. */
    SignedClient(URI base, String keyId, String secret, HttpClient http) {
        this.base = base;
        this.signer = new RequestSigner(keyId, secret);
        this.http = http;
    }

    static HttpClient newHttpClient() {
        // The server speaks HTTP/1.1; the JDK's default HTTP/2 first asks every new connection to upgrade.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static final long READ_RETRY_SECONDS = 10;
    /** Longer than a load balancer takes to notice a dead replica and a store's new owner to take over. */
    static final long WRITE_RETRY_SECONDS = 60;
    private static final long WRITE_RETRY_PAUSE_MILLIS = 200;

    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong lostWrites = new AtomicLong();

    HttpResponse<String> send(String method, String pathAndQuery, String json) {
        return send(method, pathAndQuery, json, Map.of());
    }

    /** {@link #send(String, String, String)} with unsigned {@code extraHeaders}, such as an {@code Idempotency-Key}. */
    HttpResponse<String> send(String method, String pathAndQuery, String json, Map<String, String> extraHeaders) {
        URI uri = base.resolve(pathAndQuery);
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = signer.sign(method, uri.getHost() + ":" + uri.getPort(), uri.getRawPath(),
                uri.getRawQuery(), body, Instant.now());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        extraHeaders.forEach(request::header);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + uri, e);
        }
    }

    /**
     * Sends and insists on a 2xx: the live store has no way to go on after a refused batch. A GET answered 503 with
     * {@code Retry-After} (a warehouse whose ownership moves between replicas) is signed and sent anew, for up to
     * {@value #READ_RETRY_SECONDS} s; a write is not, as its first attempt may have been applied.
     */
    String expectSuccess(String method, String pathAndQuery, String json) {
        HttpResponse<String> response = send(method, pathAndQuery, json);
        long deadline = System.nanoTime() + READ_RETRY_SECONDS * 1_000_000_000L;
        while ("GET".equals(method) && response.statusCode() == 503 && System.nanoTime() < deadline) {
            long waitMillis = response.headers().firstValueAsLong("Retry-After").orElse(1) * 1000;
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to retry " + pathAndQuery, e);
            }
            response = send(method, pathAndQuery, json);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /**
     * Sends a write until the server has it: signed anew and sent again, for up to {@value #WRITE_RETRY_SECONDS} s,
     * when the attempt met a replica that died (no answer, a reset connection), a load balancer with no replica for
     * it (502, 504) or a server that cannot take it now (503, after its {@code Retry-After}). Only for writes the
     * server keeps once when they arrive twice, as an attempt that failed may have been applied: the store's
     * readings, observations, frames and gate scans, which the store's owner keys by their plate, track, camera or
     * gate and time.
     * Any other refusal is thrown at once.
     */
    String expectDelivered(String method, String pathAndQuery, String json) {
        long deadline = System.nanoTime() + WRITE_RETRY_SECONDS * 1_000_000_000L;
        while (true) {
            String failure;
            long waitMillis = WRITE_RETRY_PAUSE_MILLIS;
            try {
                HttpResponse<String> response = send(method, pathAndQuery, json);
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return response.body();
                }
                if (status != 502 && status != 503 && status != 504) {
                    throw new IllegalStateException(method + " " + pathAndQuery + " answered " + status + ": " + response.body());
                }
                failure = "answered " + status + ": " + response.body();
                waitMillis = Math.max(waitMillis, response.headers().firstValueAsLong("Retry-After").orElse(0) * 1000);
            } catch (UncheckedIOException e) {
                failure = e.getMessage();
            }
            failedAttempts.incrementAndGet();
            if (System.nanoTime() + waitMillis * 1_000_000 - deadline > 0) {
                lostWrites.incrementAndGet();
                throw new IllegalStateException(method + " " + pathAndQuery + " not delivered in " + WRITE_RETRY_SECONDS
                        + " s; last attempt: " + failure);
            }
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to retry " + pathAndQuery, e);
            }
        }
    }

    /** Attempts of {@link #expectDelivered} that failed and were sent again (or given up). */
    long failedAttempts() {
        return failedAttempts.get();
    }

    /** Writes {@link #expectDelivered} gave up on. */
    long lostWrites() {
        return lostWrites.get();
    }

    /** {@link #expectSuccess}, read as JSON. */
    JsonNode expectJson(String method, String pathAndQuery, String json) {
        return readJson(expectSuccess(method, pathAndQuery, json));
    }

    static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the server answered something that is not JSON: " + body, e);
        }
    }
}
