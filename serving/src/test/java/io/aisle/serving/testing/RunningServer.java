package io.aisle.serving.testing;

import io.aisle.serving.AisleServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** A real Aisle server on a free loopback port, for tests that speak HTTP to it. */
public final class RunningServer implements AutoCloseable {

    /** A hung response fails its test instead of the whole build. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ConfigurableApplicationContext context;
    private final HttpClient http = newClient();
    private final String baseUrl;

    private RunningServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
    }

    /** Starts an embedded server (no Redis, no Kafka) with the given property overrides. */
    public static RunningServer start(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", 0);
        properties.put("aisle.redis-url", "");
        properties.put("aisle.kafka-bootstrap", "");
        properties.putAll(overrides);
        return new RunningServer(AisleServer.start(properties));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public URI uri(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }

    /** An unsigned GET. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        return send(http, request);
    }

    /** HTTP/1.1 as the server speaks it: the JDK's default, HTTP/2, asks each new connection to upgrade to h2c. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Sends with the given client; an I/O failure, a timeout included, is an UncheckedIOException. */
    public static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
