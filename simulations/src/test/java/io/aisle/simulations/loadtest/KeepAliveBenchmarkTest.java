package io.aisle.simulations.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import io.aisle.client.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The keep-alive benchmark's counting against a small real HTTP server on loopback that checks every
 * signature, remembers every nonce and can be told to close connections or to answer slowly.
 */
class KeepAliveBenchmarkTest {

    private static final RequestSigner SIGNER = new RequestSigner("key-1", "secret-1");
    private static final List<LoadGenerator.Endpoint> MIX = ServingBenchmark.endpoints(List.of("item-1", "item-2"), List.of("user-1"))
            .subList(0, 2);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private final AtomicLong validlySigned = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    /** Every n-th answer closes its connection; 0: none does. */
    private volatile long closeEvery;
    /** Every n-th answer is held back 300 ms; 0: none is. */
    private volatile long slowEvery;
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

    /** 200 when the signature verifies and its nonce is new, 401 otherwise. */
    private void answer(HttpExchange exchange) throws IOException {
        long n = answered.incrementAndGet();
        boolean valid = SignatureCheckingServer.signedBy(SIGNER, exchange)
                && nonces.add(exchange.getRequestHeaders().getFirst(RequestSigner.NONCE_HEADER));
        if (valid) {
            validlySigned.incrementAndGet();
        }
        if (slowEvery > 0 && n % slowEvery == 0) {
            sleep(300);
        }
        if (closeEvery > 0 && n % closeEvery == 0) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        SignatureCheckingServer.answer(exchange, valid ? 200 : 401, "{\"items\":[]}".getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private KeepAliveReport run(long requests, int connections, Duration slowLimit) {
        return KeepAliveBenchmark.measure(base, SIGNER, MIX, new KeepAliveBenchmark.Settings(requests, 0, connections, slowLimit, TIMEOUT, 7));
    }

    @Test
    void sendsEveryRequestOnceOverTheSameConnectionsEachSignedWithItsOwnNonce() {
        KeepAliveReport report = run(2_000, 4, Duration.ofSeconds(1));

        assertEquals(2_000, report.latency().requests(), report::table);
        assertEquals(0, report.latency().errors());
        assertEquals(2_000, answered.get());
        assertEquals(2_000, validlySigned.get());
        assertEquals(2_000, nonces.size());
        assertEquals(0, report.reopenedConnections());
        assertEquals(0, report.slowerThanLimit());
        assertTrue(report.passed(), report::table);
        assertTrue(report.latency().maxMillis() >= report.latency().p999Millis());
    }

    @Test
    void opensAConnectionAgainOnlyWhenTheServerClosedIt() {
        closeEvery = 100;

        KeepAliveReport report = run(2_000, 4, Duration.ofSeconds(1));

        assertEquals(2_000, report.latency().requests(), report::table);
        assertEquals(0, report.latency().errors());
        // 20 answers close their connection; the 2,000th closes one that nothing uses again.
        assertEquals(19, report.reopenedConnections());
        assertTrue(report.passed(), report::table);
    }

    @Test
    void countsEveryRequestAsSlowUnderALimitNoAnswerCanMeet() {
        KeepAliveReport report = run(2_000, 4, Duration.ofNanos(1));

        assertEquals(2_000, report.slowerThanLimit(), report::table);
        assertEquals(0, report.latency().errors());
        assertFalse(report.passed());
        assertTrue(report.table().contains("slower than 0.000001 ms  2,000"), report::table);
        assertTrue(report.table().contains("FAILED"), report::table);
    }

    @Test
    void reportsAnAnswerHeldBackPastTheLimit() {
        slowEvery = 1_000;

        KeepAliveReport report = run(2_000, 4, Duration.ofMillis(100));

        // Two answers are held back 300 ms; others may pass 100 ms too on a busy machine, none is missed.
        assertTrue(report.slowerThanLimit() >= 2, report::table);
        assertTrue(report.latency().maxMillis() >= 300, report::table);
        assertEquals(2_000, report.latency().requests());
        assertFalse(report.passed());
    }

    @Test
    void countsAnsweredErrorsAndFailsTheRun() {
        KeepAliveReport report = KeepAliveBenchmark.measure(base, new RequestSigner("key-1", "another secret"), MIX,
                new KeepAliveBenchmark.Settings(200, 0, 2, Duration.ofSeconds(1), TIMEOUT, 7));

        assertEquals(0, report.latency().requests());
        assertEquals(200, report.latency().errors());
        assertTrue(report.latency().firstError().startsWith("401"), report.latency().firstError());
        assertEquals(0, report.reopenedConnections());
        assertFalse(report.passed());
    }
}
