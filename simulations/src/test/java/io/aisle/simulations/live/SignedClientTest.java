package io.aisle.simulations.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aisle.client.RequestSigner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Writes sent through a load balancer whose replicas die: a real HTTP server on loopback answering from a script. */
class SignedClientTest {

    /** One scripted answer: a status, or 0 to close the connection without one (a replica killed mid-request). */
    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<String> nonces = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private HttpServer server;

    private SignedClient client() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        return new SignedClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "k1", "secret");
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        nonces.add(exchange.getRequestHeaders().getFirst(RequestSigner.NONCE_HEADER));
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        int status = script.isEmpty() ? 202 : script.removeFirst();
        if (status == 0) {
            exchange.close();
            return;
        }
        byte[] body = (status == 202 ? "{\"accepted\":1}" : "{\"type\":\"x\",\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        if (status == 503) {
            exchange.getResponseHeaders().add("Retry-After", "0");
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void sendsAWriteAgainSignedAnewUntilAReplicaTakesIt() throws IOException {
        script.addAll(List.of(0, 502, 503));
        SignedClient client = client();

        assertEquals("{\"accepted\":1}", client.expectDelivered("POST", "/v1/stores/s1/entries", "{\"entries\":[]}"));

        assertEquals(4, nonces.size(), "the reset, the 502, the 503, then the attempt that was taken");
        assertEquals(4, nonces.stream().distinct().count(), "every attempt signed anew: a replayed nonce is refused");
        assertTrue(bodies.stream().allMatch("{\"entries\":[]}"::equals), "the same body every time");
        assertEquals(3, client.failedAttempts());
        assertEquals(0, client.lostWrites());
    }

    @Test
    void refusesAtOnceAWriteTheServerRejects() throws IOException {
        script.add(400);
        SignedClient client = client();

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> client.expectDelivered("POST", "/v1/stores/s1/entries", "{}"));

        assertEquals(1, nonces.size());
        assertTrue(refused.getMessage().contains("answered 400: {\"type\":\"x\",\"status\":400}"), refused.getMessage());
    }

    @Test
    void saysWhyARequestGotNoAnswer() throws IOException {
        // The JDK's client sends a GET once more itself when its connection closes without an answer.
        script.addAll(List.of(0, 0));
        SignedClient client = client();

        RuntimeException failed = assertThrows(RuntimeException.class, () -> client.expectJson("GET", "/v1/stores/s1/receipts", null));

        assertTrue(failed.getMessage().matches("cannot reach http://127\\.0\\.0\\.1:\\d+/v1/stores/s1/receipts: java\\.io\\..+"),
                failed.getMessage());
    }
}
