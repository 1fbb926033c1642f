package io.aisle.serving.testing;

import io.aisle.client.RequestSigner;
import io.aisle.serving.tenancy.IssuedKey;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Signed requests to a {@link RunningServer}, as a storefront or device would send them. */
public final class SignedHttp {

    private final RunningServer server;

    public SignedHttp(RunningServer server) {
        this.server = server;
    }

    public HttpResponse<String> get(IssuedKey key, String pathAndQuery) {
        return server.send(signed(key.key().keyId(), key.secret(), "GET", pathAndQuery, null, Instant.now()).build());
    }

    public HttpResponse<String> post(IssuedKey key, String path, String json) {
        return server.send(signed(key.key().keyId(), key.secret(), "POST", path, json, Instant.now()).build());
    }

    /** A freshly signed POST carrying {@code Idempotency-Key}, as a client sends its retry. */
    public HttpResponse<String> postIdempotent(IssuedKey key, String path, String json, String idempotencyKey) {
        return server.send(signed(key.key().keyId(), key.secret(), "POST", path, json, Instant.now())
                .header("Idempotency-Key", idempotencyKey).build());
    }

    /** A signed request builder, for tests that tamper with it or send it twice. */
    public HttpRequest.Builder signed(String keyId, String secret, String method, String pathAndQuery, String json, Instant at) {
        URI uri = URI.create(server.baseUrl() + pathAndQuery);
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new RequestSigner(keyId, secret)
                .sign(method, uri.getHost() + ":" + uri.getPort(), uri.getRawPath(), uri.getRawQuery(), body, at);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(RunningServer.REQUEST_TIMEOUT)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder;
    }
}
