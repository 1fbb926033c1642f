package io.aisle.serving.security;

import io.aisle.client.AuthorizationHeader;
import io.aisle.client.CanonicalRequest;
import io.aisle.client.RequestSigner;
import io.aisle.serving.config.AisleProperties;
import io.aisle.serving.quota.TenantBulkhead;
import io.aisle.serving.tenancy.Caller;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantDirectory;
import io.aisle.serving.tenancy.TenantDirectory.ActiveKey;
import io.aisle.serving.web.ApiProblem;
import io.aisle.serving.web.ProblemResponses;
import io.aisle.serving.web.ProblemType;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The gate of every non-public {@code /v1} request. In order, each failure ending the request
 * with its problem+json status and nothing stored:
 * <ol>
 *   <li>body larger than {@code aisle.max-body-bytes}: 413 (read at most that many bytes);</li>
 *   <li>no AISLE-HMAC-SHA256 Authorization: 401 {@code unsigned};</li>
 *   <li>{@code x-aisle-date} missing or further than {@code aisle.max-clock-skew} from now: 401 {@code expired};</li>
 *   <li>unknown or revoked key, unsigned host or date, or a signature that does not verify
 *       (compared in constant time): 401 {@code bad-signature};</li>
 *   <li>the key lacks the route's role: 403; a robot key on another robot's channel: 404;</li>
 *   <li>the tenant's bucket for that role is empty: 429 with Retry-After;</li>
 *   <li>the signature was seen within the skew window: 401 {@code replayed};</li>
 *   <li>the tenant has too many requests in flight, or too many event streams open: 429.</li>
 * </ol>
 * A request that passes carries its {@link Caller} as the exchange attribute {@link #CALLER}
 * and its body, already read, for the handler.
 */
@Order(-100)
public final class SignedRequestFilter implements WebFilter {

    public static final String CALLER = "aisle.caller";
    private static final byte[] NO_BODY = new byte[0];
    /** The idempotency filter's header; a write that signs it may be repeated. */
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final TenantDirectory directory;
    private final RequestAdmission admission;
    private final TenantBulkhead bulkhead;
    private final TenantBulkhead streams;
    private final AisleProperties properties;
    private final Clock clock;

    public SignedRequestFilter(TenantDirectory directory, RequestAdmission admission,
            TenantBulkhead bulkhead, TenantBulkhead streams, AisleProperties properties, Clock clock) {
        this.directory = directory;
        this.streams = streams;
        this.admission = admission;
        this.bulkhead = bulkhead;
        this.properties = properties;
        this.clock = clock;
    }

    /** The verified caller of a request that passed this filter. */
    public static Caller caller(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(CALLER);
        if (caller == null) {
            throw new IllegalStateException("no verified caller on " + exchange.getRequest().getPath());
        }
        return caller;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (RouteAccess.isPublic(path)) {
            return chain.filter(exchange);
        }
        boolean bodiless = declaresNoBody(exchange.getRequest());
        return (bodiless ? Mono.just(NO_BODY) : readBody(exchange.getRequest()))
                .flatMap(body -> {
                    Verified verified = authenticate(exchange.getRequest(), body);
                    Role role = authorize(verified.caller(), path);
                    ServerWebExchange onward = bodiless ? exchange : exchange.mutate().request(withBody(exchange.getRequest(), body)).build();
                    return admit(verified, role)
                            .publishOn(connectionLoop(exchange.getRequest()))
                            .then(Mono.defer(() -> forward(onward, chain, verified.caller(), RouteAccess.isStream(path) ? streams : bulkhead)));
                })
                .onErrorResume(ApiProblem.class, problem -> ProblemResponses.write(exchange, problem));
    }

    /**
     * Where the request goes on once admitted: the event loop of its own connection. Admission through Redis
     * answers on Lettuce's one I/O thread; going on there would run every admitted request's handler and answer
     * encoding on that single thread (63% of the server's CPU samples in a Redis-mode profile, the two server
     * loops idle beside it), and its write would still be handed to the connection's loop. On the loop already
     * (admission answered in memory) the request goes on at once, with no hand-over.
     */
    private static Scheduler connectionLoop(ServerHttpRequest request) {
        if (ServerHttpRequestDecorator.getNativeRequest(request) instanceof Connection connection) {
            EventLoop loop = connection.channel().eventLoop();
            return Schedulers.fromExecutor(task -> {
                if (loop.inEventLoop()) {
                    task.run();
                } else {
                    loop.execute(task);
                }
            });
        }
        return Schedulers.immediate();
    }

    /**
     * In HTTP/1.x a request with neither a length nor chunking has no body (RFC 9112 6.3): nothing to read, and
     * nothing to hand on again downstream. HTTP/2 frames a body without either header, so there the body is
     * always read, and so is it when the server is not Reactor Netty.
     */
    private static boolean declaresNoBody(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)
                && ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest netty
                && netty.version().majorVersion() == 1;
    }

    private Mono<byte[]> readBody(ServerHttpRequest request) {
        long declared = request.getHeaders().getContentLength();
        if (declared > properties.maxBodyBytes()) {
            return Mono.error(tooLarge());
        }
        return DataBufferUtils.join(request.getBody(), properties.maxBodyBytes())
                .map(SignedRequestFilter::toBytes)
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge());
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(ProblemType.TOO_LARGE, "the body must be at most " + properties.maxBodyBytes() + " bytes");
    }

    /** A caller whose signature checked out, and that signature, for the replay guard. */
    /** @param retrySafe whether a repetition of the request changes nothing; see {@link #retrySafe} */
    private record Verified(Caller caller, String signature, boolean retrySafe) {
    }

    private Verified authenticate(ServerHttpRequest request, byte[] body) {
        HttpHeaders headers = request.getHeaders();
        AuthorizationHeader authorization = AuthorizationHeader.parse(headers.getFirst(HttpHeaders.AUTHORIZATION))
                .orElseThrow(() -> new ApiProblem(ProblemType.UNSIGNED,
                        "send Authorization: " + RequestSigner.ALGORITHM + " Credential=..., SignedHeaders=..., Signature=..."));
        String dateTime = headers.getFirst(RequestSigner.DATE_HEADER);
        Instant sentAt = parseDate(dateTime);
        Duration skew = Duration.between(sentAt, clock.instant()).abs();
        if (skew.compareTo(properties.maxClockSkew()) > 0) {
            throw new ApiProblem(ProblemType.EXPIRED, "x-aisle-date is " + skew.toSeconds()
                    + " s from the server clock; at most " + properties.maxClockSkew().toSeconds() + " s is accepted");
        }
        if (!authorization.signedHeaders().contains("host") || !authorization.signedHeaders().contains(RequestSigner.DATE_HEADER)
                || !authorization.credentialDate().equals(RequestSigner.DATE.format(sentAt))) {
            throw badSignature();
        }
        ActiveKey key = directory.findActiveKey(authorization.keyId()).orElseThrow(SignedRequestFilter::badSignature);
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : authorization.signedHeaders()) {
            String value = headers.getFirst(name);
            if (value == null) {
                throw badSignature();
            }
            signed.put(name, value);
        }
        String canonical = CanonicalRequest.of(request.getMethod().name(), request.getURI().getRawPath(),
                request.getURI().getRawQuery(), signed, body);
        String expected = new RequestSigner(key.key().keyId(), key.secret())
                .signature(dateTime, authorization.credentialDate(), canonical);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw badSignature();
        }
        return new Verified(Caller.of(key.key()), authorization.signature(),
                retrySafe(request.getMethod(), authorization.signedHeaders()));
    }

    /**
     * A request whose repetition changes nothing, so that a load balancer may send it again to another replica when
     * the first died before answering: a GET or HEAD, or a write whose {@code Idempotency-Key} is signed (an unsigned
     * key could be added to a captured write to run it again).
     */
    static boolean retrySafe(HttpMethod method, List<String> signedHeaders) {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
                || signedHeaders.stream().anyMatch(IDEMPOTENCY_KEY::equalsIgnoreCase);
    }

    private static Instant parseDate(String dateTime) {
        if (dateTime == null) {
            throw new ApiProblem(ProblemType.EXPIRED, "x-aisle-date is missing");
        }
        try {
            return Instant.from(RequestSigner.DATE_TIME.parse(dateTime));
        } catch (DateTimeParseException e) {
            throw new ApiProblem(ProblemType.EXPIRED, "x-aisle-date must look like 20261126T101500Z");
        }
    }

    private static ApiProblem badSignature() {
        return new ApiProblem(ProblemType.BAD_SIGNATURE,
                "the signature does not match the request, or the key is unknown or revoked");
    }

    private static Role authorize(Caller caller, String path) {
        Optional<Role> required = RouteAccess.requiredRole(path);
        if (required.isEmpty()) {
            throw ApiProblem.notFound("no such resource: " + path);
        }
        Role role = required.get();
        if (!caller.has(role)) {
            throw new ApiProblem(ProblemType.FORBIDDEN_ROLE, "this endpoint needs the role " + role.wireName());
        }
        Optional<String> robot = RouteAccess.robotInPath(path);
        if (robot.isPresent() && !robot.equals(caller.robotId())) {
            throw ApiProblem.notFound("no such robot: " + robot.get());
        }
        return role;
    }

    private Mono<Void> admit(Verified verified, Role role) {
        Caller caller = verified.caller();
        // A signature stays valid for the skew on either side of its date, so remember it that long.
        return admission.admit(caller.tenant(), role, verified.signature(), properties.maxClockSkew().multipliedBy(2),
                        verified.retrySafe())
                .flatMap(decision -> switch (decision.verdict()) {
                    case ADMITTED -> Mono.<Void>empty();
                    case OVER_QUOTA -> Mono.error(new ApiProblem(ProblemType.OVER_QUOTA, "tenant " + caller.tenant()
                            + " is over its " + role.wireName() + " quota", Optional.of(decision.retryAfter())));
                    case REPLAYED -> Mono.error(new ApiProblem(ProblemType.REPLAYED, "sign every request anew; this signature was used before"));
                });
    }

    private Mono<Void> forward(ServerWebExchange exchange, WebFilterChain chain, Caller caller, TenantBulkhead slots) {
        if (!slots.tryEnter(caller.tenant())) {
            return Mono.error(new ApiProblem(ProblemType.OVER_CONCURRENCY, "tenant " + caller.tenant()
                    + " has too many " + (slots == streams ? "streams open" : "requests in flight"),
                    Optional.of(Duration.ofSeconds(1))));
        }
        exchange.getAttributes().put(CALLER, caller);
        return chain.filter(exchange).doFinally(signal -> slots.release(caller.tenant()));
    }

    private static ServerHttpRequest withBody(ServerHttpRequest request, byte[] body) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
            }
        };
    }

    private static byte[] toBytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
