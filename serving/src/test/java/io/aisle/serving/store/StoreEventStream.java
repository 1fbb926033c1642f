package io.aisle.serving.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A client of {@code GET /v1/stores/{store}/events}, from the moment the stream is open. Close it
 * before its server, whose graceful shutdown would wait for it.
 */
final class StoreEventStream implements AutoCloseable {

    private final Stream<String> body;
    private final Iterator<String> lines;

    private StoreEventStream(Stream<String> body) {
        this.body = body;
        this.lines = body.iterator();
    }

    static StoreEventStream open(SignedHttp http, IssuedKey key, String store) throws Exception {
        HttpRequest request = http.signed(key.key().keyId(), key.secret(), "GET", "/v1/stores/" + store + "/events",
                null, Instant.now()).build();
        HttpResponse<Stream<String>> response = RunningServer.newClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        StoreEventStream stream = new StoreEventStream(response.body());
        assertEquals(":open", stream.lines.next());
        return stream;
    }

    /** The data line of the next receipt event; a silent stream fails the test instead of hanging it. */
    String nextReceipt() throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            while (lines.hasNext()) {
                if (lines.next().equals("event:receipt")) {
                    String next = lines.next();
                    return next.startsWith("id:") ? lines.next() : next;
                }
            }
            throw new AssertionError("the event stream ended without a receipt");
        }).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        body.close();
    }
}
