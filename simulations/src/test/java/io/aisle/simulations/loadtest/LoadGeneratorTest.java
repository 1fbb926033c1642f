package io.aisle.simulations.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.aisle.client.RequestSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator and the report against a small real HTTP server on loopback that checks every signature. */
class LoadGeneratorTest {

    private static final RequestSigner SIGNER = new RequestSigner("key-1", "secret-1");
    private static final List<String> ITEMS = List.of("item-1", "item-2", "item-3");
    private static final List<String> USERS = List.of("user-1", "user-2");

    private final AtomicLong validlySigned = new AtomicLong();
    private final AtomicLong badlySigned = new AtomicLong();
    private SignatureCheckingServer server;
    private URI base;

    @BeforeEach
    void startServer() throws IOException {
        server = new SignatureCheckingServer(this::answer);
        base = server.base();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** 200 with a small JSON body when the signature verifies, 401 otherwise; {@code /v1/fail} always 503. */
    private void answer(HttpExchange exchange) throws IOException {
        boolean valid = SignatureCheckingServer.signedBy(SIGNER, exchange);
        (valid ? validlySigned : badlySigned).incrementAndGet();
        int status = exchange.getRequestURI().getPath().equals("/v1/fail") ? 503 : valid ? 200 : 401;
        SignatureCheckingServer.answer(exchange, status, "{\"items\":[]}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void closedLoopRecordsEveryAnsweredRequestAndSignsEachOne() {
        LoadGenerator generator = new LoadGenerator(base, SIGNER, 3, 1);

        Map<String, LatencySummary> results = generator.closedLoop(ServingBenchmark.endpoints(ITEMS, USERS), Duration.ofMillis(700));

        long recorded = results.values().stream().mapToLong(LatencySummary::requests).sum();
        assertTrue(recorded > 0, "no request was answered");
        assertEquals(validlySigned.get(), recorded);
        assertEquals(0, badlySigned.get());
        results.values().forEach(summary -> assertEquals(0, summary.errors()));
        assertEquals(List.of(ServingBenchmark.PING, ServingBenchmark.ALSO_BOUGHT, ServingBenchmark.FOR_YOU),
                List.copyOf(results.keySet()));
    }

    @Test
    void alternatingTurnsGiveEachEndpointItsWholeTimeAlone() {
        LoadGenerator generator = new LoadGenerator(base, SIGNER, 2, 1);

        Map<String, LatencySummary> results = generator.alternating(ServingBenchmark.endpoints(ITEMS, USERS),
                Duration.ofMillis(600), Duration.ofMillis(200));

        for (LatencySummary summary : results.values()) {
            // Three turns of 200 ms each; a turn ends when its last in-flight answer is read, so never early.
            assertTrue(summary.seconds() >= 0.6, "measured for " + summary.seconds() + " s");
            assertTrue(summary.requests() > 0);
            assertEquals(summary.requests() / summary.seconds(), summary.requestsPerSecond(), 1e-9);
        }
        assertEquals(validlySigned.get(), results.values().stream().mapToLong(LatencySummary::requests).sum());
    }

    @Test
    void countsNon2xxAnswersAsErrorsAndKeepsTheirLatenciesOut() {
        LoadGenerator generator = new LoadGenerator(base, SIGNER, 2, 1);
        LoadGenerator.Endpoint failing = new LoadGenerator.Endpoint("fail", "/v1/fail", random -> null);

        LatencySummary summary = generator.closedLoop(List.of(failing), Duration.ofMillis(300)).get("fail");

        assertEquals(0, summary.requests());
        assertTrue(summary.errors() > 0);
        assertTrue(summary.firstError().startsWith("503"), summary.firstError());
    }

    @Test
    void openLoopSendsNoMoreRequestsThanTheRateAllows() {
        LoadGenerator generator = new LoadGenerator(base, SIGNER, 4, 1);
        LoadGenerator.Endpoint ping = ServingBenchmark.endpoints(ITEMS, USERS).get(0);

        LatencySummary summary = generator.openLoop(ping, 50, Duration.ofSeconds(1));

        // 50 rps for 1 s is due 50 times, whatever the server's speed; a slow machine shows it as latency.
        assertEquals(50, summary.requests() + summary.errors());
        assertEquals(50, validlySigned.get());
        assertEquals(50.0, summary.requestsPerSecond(), 1e-9);
    }

    @Test
    void reportComparesEachEndpointWithTheBarePingMeasuredInTheSameRun() throws IOException {
        LoadGenerator generator = new LoadGenerator(base, SIGNER, 2, 1);
        ServingBenchReport.Setup setup = new ServingBenchReport.Setup("embedded", 2, 0, 0.5, ITEMS.size(), 2, 32, USERS.size(),
                "none", "synthetic", 2, -1, -1);

        ServingBenchReport report = ServingBenchmark.measure(generator, ITEMS, USERS, Duration.ZERO, Duration.ofMillis(600), setup,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertEquals(3, report.endpoints().size());
        assertEquals(1.0, report.endpoints().get(0).ratioToBare(), 1e-12);
        for (ServingBenchReport.EndpointResult endpoint : report.endpoints()) {
            assertEquals(endpoint.latency().requestsPerSecond() / report.endpoints().get(0).latency().requestsPerSecond(),
                    endpoint.ratioToBare(), 1e-12);
        }
        assertNotNull(report.halfRate());
        assertEquals(report.endpoints().get(1).latency().requestsPerSecond() / 2, report.halfRate().targetRequestsPerSecond(), 1e-9);
        assertEquals(0, report.errors());
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(report));
        assertEquals("also-bought", json.at("/endpoints/1/endpoint").asText());
        assertTrue(json.at("/endpoints/2/latency/p99Millis").isNumber());
        assertTrue(json.at("/goals/forYouRatioMet").isBoolean());
        assertTrue(report.table().contains("also-bought @ half"));
    }
}
