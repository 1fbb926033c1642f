package io.aisle.serving.idempotency;

import io.aisle.serving.security.SignedRequestFilter;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.web.ApiProblem;
import io.aisle.serving.web.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.EntityResponse;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on a signed write (IETF draft "The Idempotency-Key HTTP Header Field"): the first
 * request with a key runs and its 2xx answer is kept; a retry with the same key, path and body gets that
 * answer again, byte for byte, with {@code Idempotent-Replayed: true}, and runs nothing. A retry while the
 * first still runs answers 409 ({@code idempotency-in-flight}, {@code Retry-After: 1}); the key on another
 * path or body answers 422 ({@code idempotency-key-reused}); a malformed key 400. A request that fails
 * frees its key, so its retry runs again: a failed write applies nothing. Keys belong to the caller's
 * tenant. Without the header a request runs as it always did.
 */
public final class IdempotencyFilter implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final IdempotencyStore store;
    private final JsonMapper json;

    public IdempotencyFilter(IdempotencyStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    @Override
    public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
        List<String> keys = request.headers().header(HEADER);
        if (keys.isEmpty()) {
            return next.handle(request);
        }
        if (keys.size() > 1 || !KEY.matcher(keys.get(0)).matches()) {
            return Mono.error(ApiProblem.invalid(HEADER + " must be one value of 1-255 visible ASCII characters"));
        }
        String key = keys.get(0);
        TenantId tenant = SignedRequestFilter.caller(request.exchange()).tenant();
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                .map(body -> fingerprint(request, body))
                .flatMap(fingerprint -> store.claim(tenant, key, fingerprint)
                        .flatMap(claim -> answer(claim, request, next, tenant, key, fingerprint)));
    }

    private Mono<ServerResponse> answer(Claim claim, ServerRequest request, HandlerFunction<ServerResponse> next,
            TenantId tenant, String key, String fingerprint) {
        if (claim instanceof Claim.First) {
            return runOnce(request, next, tenant, key, fingerprint);
        }
        if (claim instanceof Claim.Replay replay) {
            return respond(replay.reply(), true);
        }
        if (claim instanceof Claim.InFlight) {
            return Mono.error(new ApiProblem(ProblemType.IDEMPOTENCY_IN_FLIGHT,
                    "a request with " + HEADER + " '" + key + "' is still running; retry it shortly",
                    Optional.of(Duration.ofSeconds(1))));
        }
        return Mono.error(new ApiProblem(ProblemType.IDEMPOTENCY_KEY_REUSED,
                HEADER + " '" + key + "' was used for a different request; use a new key for a new request"));
    }

    private Mono<ServerResponse> runOnce(ServerRequest request, HandlerFunction<ServerResponse> next, TenantId tenant,
            String key, String fingerprint) {
        return next.handle(request)
                .flatMap(response -> keep(response)
                        .map(reply -> store.complete(tenant, key, fingerprint, reply).then(respond(reply, false)))
                        .orElseGet(() -> store.release(tenant, key, fingerprint).thenReturn(response)))
                .onErrorResume(failure -> store.release(tenant, key, fingerprint).then(Mono.error(failure)))
                .doOnCancel(() -> store.release(tenant, key, fingerprint).subscribe());
    }

    /** A 2xx answer with a JSON entity is kept; anything else is not a result worth replaying. */
    private Optional<StoredReply> keep(ServerResponse response) {
        if (!response.statusCode().is2xxSuccessful() || !(response instanceof EntityResponse<?> entity)) {
            return Optional.empty();
        }
        return Optional.of(new StoredReply(response.statusCode().value(), json.writeValueAsBytes(entity.entity())));
    }

    /** The first answer and every replay are the same bytes. */
    private static Mono<ServerResponse> respond(StoredReply reply, boolean replayed) {
        ServerResponse.BodyBuilder builder = ServerResponse.status(reply.status()).contentType(MediaType.APPLICATION_JSON);
        if (replayed) {
            builder.header(REPLAYED_HEADER, "true");
        }
        return builder.bodyValue(reply.json());
    }

    private static String fingerprint(ServerRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String query = request.uri().getRawQuery();
            digest.update((request.method().name() + ' ' + request.uri().getRawPath() + '?' + (query == null ? "" : query) + '\n')
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
