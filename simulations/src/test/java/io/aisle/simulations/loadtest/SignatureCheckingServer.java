package io.aisle.simulations.loadtest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.aisle.client.RequestSigner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The JDK's HTTP server on a free loopback port, with four handler threads, for the load generators' tests. */
final class SignatureCheckingServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    /** Serves every path under {@code /v1/} with {@code handler}. */
    SignatureCheckingServer(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/v1/", handler);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Whether the exchange carries a date, a nonce and the signature {@code signer} makes of this GET with them. */
    static boolean signedBy(RequestSigner signer, HttpExchange exchange) {
        URI uri = exchange.getRequestURI();
        String date = exchange.getRequestHeaders().getFirst(RequestSigner.DATE_HEADER);
        String nonce = exchange.getRequestHeaders().getFirst(RequestSigner.NONCE_HEADER);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return date != null && nonce != null && authorization != null
                && authorization.equals(signer.sign("GET", exchange.getRequestHeaders().getFirst("Host"), uri.getRawPath(),
                        uri.getRawQuery(), new byte[0], LocalDateTime.parse(date, RequestSigner.DATE_TIME).toInstant(ZoneOffset.UTC),
                        nonce).get("Authorization"));
    }

    /** Answers {@code status} with {@code body} and a length, so the connection can be kept alive. */
    static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
