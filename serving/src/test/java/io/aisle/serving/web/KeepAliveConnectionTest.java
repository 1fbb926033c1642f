package io.aisle.serving.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One HTTP/1.1 connection, spoken byte by byte: a request that waited behind an unfinished one
 * and is answered before its body is read must not stop the server reading the connection.
 *
 * <p>The JDK client met this about once in 10,000 requests: a response finished off the event
 * loop (the keys listing) reached the client before the server had closed out that request, so
 * the client's next request on the connection was queued; a public route answered it at once,
 * and the server then read nothing more from that connection until the client's timeout.
 * Sending the first two requests in one write queues the second every time.
 *
 * <p>Also a body sent in chunks, without a length: the signature check must still read and check it.
 */
class KeepAliveConnectionTest {

    /** Far longer than an answer takes on loopback; short enough that a stalled connection fails fast. */
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static IssuedKey admin;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        admin = tenants.key("acme", Role.ADMIN);
        server = RunningServer.start(tenants.serverProperties());
        http = new SignedHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void readsTheNextRequestAfterAQueuedRequestIsAnsweredAtOnce() throws IOException {
        assertConnectionReadOnAfter(request("GET", "/v1/ping", ""), 200);
    }

    @Test
    void readsTheNextRequestAfterAQueuedRequestIsAnsweredWithoutReadingItsBody() throws IOException {
        assertConnectionReadOnAfter(request("POST", "/v1/ping", "{\"roles\":[\"storefront\"]}"), 404);
    }

    @Test
    void aChunkedBodyIsReadAndCheckedAgainstItsSignature() throws IOException {
        String body = "{\"roles\":[\"storefront\"]}";
        try (Socket socket = connect()) {
            write(socket, chunkedKeyCreation(body, body));
            assertEquals(201, readStatus(socket), "the signed body, sent in chunks");

            write(socket, chunkedKeyCreation(body, "{\"roles\":[\"admin\"]}"));
            assertEquals(401, readStatus(socket), "another body under the same kind of signature");
        }
    }

    /** A signed {@code POST /v1/admin/keys} whose body is {@code sent} in two chunks, signed over {@code signedBody}. */
    private static String chunkedKeyCreation(String signedBody, String sent) {
        HttpRequest signed = http.signed(admin.key().keyId(), admin.secret(), "POST", "/v1/admin/keys", signedBody, Instant.now()).build();
        StringBuilder headers = new StringBuilder();
        signed.headers().map().forEach((name, values) -> values.forEach(value -> headers.append(name).append(": ").append(value).append("\r\n")));
        int half = sent.length() / 2;
        return "POST /v1/admin/keys HTTP/1.1\r\n" + host() + headers + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunk(sent.substring(0, half)) + chunk(sent.substring(half)) + "0\r\n\r\n";
    }

    private static String chunk(String text) {
        return Integer.toHexString(text.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + text + "\r\n";
    }

    /** Queues {@code queued} behind a keys listing on a new connection, then sends one more request on it. */
    private static void assertConnectionReadOnAfter(String queued, int queuedStatus) throws IOException {
        try (Socket socket = connect()) {
            write(socket, keysListing() + queued);
            assertEquals(200, readStatus(socket), "the keys listing");
            assertEquals(queuedStatus, readStatus(socket), "the queued request");

            write(socket, request("GET", "/v1/ping", ""));

            assertEquals(200, readStatus(socket), "the next request on the connection");
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort());
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /** A signed {@code GET /v1/admin/keys}: its handler reads the directory off the event loop. */
    private static String keysListing() {
        HttpRequest signed = http.signed(admin.key().keyId(), admin.secret(), "GET", "/v1/admin/keys", null, Instant.now()).build();
        StringBuilder headers = new StringBuilder();
        signed.headers().map().forEach((name, values) -> values.forEach(value -> headers.append(name).append(": ").append(value).append("\r\n")));
        return "GET /v1/admin/keys HTTP/1.1\r\n" + host() + headers + "\r\n";
    }

    private static String request(String method, String path, String body) {
        String length = body.isEmpty() ? "" : "Content-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n";
        return method + " " + path + " HTTP/1.1\r\n" + host() + length + "\r\n" + body;
    }

    private static String host() {
        return "Host: " + server.uri("/").getHost() + ":" + server.uri("/").getPort() + "\r\n";
    }

    private static void write(Socket socket, String requests) throws IOException {
        socket.getOutputStream().write(requests.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads one response whose length is given by Content-Length, and returns its status. */
    private static int readStatus(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    throw new EOFException("the server closed the connection after " + head);
                }
                head.write(next);
            }
        } catch (SocketTimeoutException stalled) {
            fail("no answer within " + READ_TIMEOUT_MILLIS + " ms: the server stopped reading the connection");
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).trim()));
            }
        }
        return Integer.parseInt(lines[0].split(" ")[1]);
    }
}
