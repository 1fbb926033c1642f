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
            throw new UncheckedIOException("cannot reach " + uri, e);
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
