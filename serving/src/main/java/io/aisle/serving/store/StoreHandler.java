package io.aisle.serving.store;

import static io.aisle.serving.web.QueryParams.longParam;

import io.aisle.serving.web.ApiProblem;
import io.aisle.serving.web.ProblemType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The store endpoints: sensor ingest and reads with role {@code store-device}, receipt review and
 * disputes with role {@code store-operator}. {@code {store}} is a store of the
 * caller's tenant registered through {@link StoreAdminHandler}; any other store, including
 * another tenant's, answers 404. Errors are problem+json: 400 invalid or malformed input (the
 * detail names the field), 401 bad signature, 403 wrong role, 404 unknown store or shopper, 413
 * a body or batch over its bound, 429 over quota, 503 when the carts and receipts shared through
 * Redis (Kafka and Redis mode) cannot be read.
 *
 * <p>Reads come from {@link StoreReads}: this process's feeds, or in Kafka and Redis mode what
 * the owner of the store published to Redis, so any server answers them.
 *
 * <ul>
 *   <li>{@code POST /v1/stores/{store}/shelf-readings}: a batch of load-cell samples,
 *       {@code {"readings":[{"plate":"P1","ts":1767225600000,"grams":8012.5}]}}, at most
 *       {@value StoreInputParser#MAX_READINGS}. 400 for an unknown plate, grams beyond the plate's
 *       capacity, a timestamp further than {@code aisle.stores.max-event-skew} (default 10 min)
 *       from the server clock, or a malformed batch; a refused batch changes nothing. 202
 *       {@code {"accepted":N}} once applied (embedded) or queued on Kafka.</li>
 *   <li>{@code POST /v1/stores/{store}/shopper-observations}: {@code {"observations":[{"track":"t-7",
 *       "ts":…,"position":[x,y],"leftWrist":[x,y,z],"rightWrist":null}]}}, at most
 *       {@value StoreInputParser#MAX_OBSERVATIONS}; positions must lie on the store floor (1 m margin).
 *       Same statuses.</li>
 *   <li>{@code POST /v1/stores/{store}/camera-frames}: a store-vision frame batch; the store must
 *       have cameras. 413 over the frame limits (1 MiB, 64 frames, 64 persons per frame, 64 KiB
 *       per crop), 400 malformed or naming an uncalibrated camera; a refused batch never reaches
 *       the tracker. Accepted frames are tracked and their observations fused.</li>
 *   <li>{@code POST /v1/stores/{store}/entries}: the gates' app scans, {@code {"entries":[{"gate":"entry",
 *       "account":"acct-1","at":1767225600000}]}} (at most {@value StoreInputParser#MAX_ENTRIES}) or one
 *       {@code {"gate","account","at"}} alone; {@code at} on the cameras' clock. 400 for an unknown
 *       gate, a missing or malformed account, or a missing or far-off time; a refused batch changes
 *       nothing. Each entry binds the shopper who passes the gate then; receipts carry the account.</li>
 *   <li>{@code GET /v1/stores/{store}/carts/{shopper}}: {@code {"shopper","updatedAtMillis","lines":[{"sku","quantity","confidence"}]}}
 *       of a shopper in the store whose cart has changed; 404 otherwise (also once their receipt is out).</li>
 *   <li>{@code GET /v1/stores/{store}/receipts?since=0&limit=100}: receipts numbered above
 *       {@code since} (default 0), oldest first, at most {@code limit} (1-1000, default 100), and
 *       {@code next}, the {@code since} of the following call.</li>
 *   <li>{@code GET /v1/stores/{store}/events}: Server-Sent Events {@code cart} (a {@link CartView})
 *       and {@code receipt} (a {@link ReceiptView}, SSE id = its number), live from now on. Best
 *       effort: a slow client misses events and catches up with {@code receipts?since=}.</li>
 *   <li>{@code GET /v1/stores/{store}/layout}: the layout JSON as registered (sensor-fusion format), the
 *       floor plan a store view draws.</li>
 *   <li>{@code GET /v1/stores/{store}/reviews} (store-operator): {@code {"reviews":[{"id":N,"receipt":…}]}},
 *       the flagged receipts not yet resolved, oldest first, each with its reasons and evidence
 *       (per doubtful weight event: plate, weight change, candidate products with probabilities,
 *       shoppers near the plate with their odds). The review id is the flagged receipt's number.</li>
 *   <li>{@code POST /v1/stores/{store}/reviews/{id}} (store-operator): {@code {"decision":"confirm"}} or
 *       {@code {"decision":"correct","lines":[{"sku","quantity"}],"note":…}}. 404 no open review
 *       {@code id}, 409 already resolved (the detail names the adjusted receipt), 400 invalid body.</li>
 *   <li>{@code POST /v1/stores/{store}/receipts/{id}/disputes} (store-operator): a shopper's dispute,
 *       {@code {"lines":[{"sku","quantity"}],"note":…}}, the lines the receipt should have. 404
 *       receipt {@code id} not kept, 409 already adjusted (dispute the adjusted receipt instead), 400
 *       invalid body.</li>
 * </ul>
 *
 * <p>A resolution or a dispute goes through {@link StoreIngest} like a sensor batch, so it lands
 * in the store's ordered input (the Kafka partition in Kafka mode) and a worker that restores a
 * checkpoint and replays the stream applies it again at the same place. Either answers 200 with
 * the adjusted receipt, a new receipt numbered after every earlier one whose {@code adjusts}
 * names the original (which stays as it was); the receipts list and the event stream show both.
 * When two requests for one receipt cross, the first in the store's input order is applied and
 * both are answered with its adjusted receipt. In Kafka mode the answer waits for the owner to
 * apply the request, at most {@code ADJUSTMENT_WAIT}; past that it is 202 {@code {"queued":id}}
 * and the adjusted receipt follows on the receipts list.
 */
public final class StoreHandler {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final Duration ADJUSTMENT_WAIT = Duration.ofSeconds(10);
    private static final Duration ADJUSTMENT_POLL = Duration.ofMillis(25);
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,17}");

    private final StoreLookup lookup;
    private final StoreReads reads;
    private final StoreIngest ingest;
    private final StoreInputParser parser;
    private final Clock clock;

    public StoreHandler(StoreRegistry registry, StoreReads reads, StoreIngest ingest, StoreInputParser parser, Clock clock) {
        this.lookup = new StoreLookup(registry);
        this.reads = reads;
        this.ingest = ingest;
        this.parser = parser;
        this.clock = clock;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST("/v1/stores/{store}/shelf-readings", request -> post(request, InputKind.SHELF_READINGS))
                .POST("/v1/stores/{store}/shopper-observations", request -> post(request, InputKind.SHOPPER_OBSERVATIONS))
                .POST("/v1/stores/{store}/camera-frames", request -> post(request, InputKind.CAMERA_FRAMES))
                .POST("/v1/stores/{store}/entries", request -> post(request, InputKind.ENTRIES))
                .GET("/v1/stores/{store}/carts/{shopper}", this::cart)
                .GET("/v1/stores/{store}/receipts", this::receipts)
                .GET("/v1/stores/{store}/events", this::events)
                .GET("/v1/stores/{store}/layout", this::layout)
                .GET("/v1/stores/{store}/reviews", this::reviews)
                .POST("/v1/stores/{store}/reviews/{id}", this::resolve)
                .POST("/v1/stores/{store}/receipts/{id}/disputes", this::dispute)
                .build();
    }

    private Mono<ServerResponse> reviews(ServerRequest request) {
        return store(request).flatMap(store -> reads.openReviews(store.key())).flatMap(open -> {
            List<OpenReview> reviews = open.stream().map(receipt -> new OpenReview(receipt.seq(), receipt)).toList();
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(new ReviewList(reviews));
        });
    }

    /** Resolves an open review; see the class comment for the statuses. */
    private Mono<ServerResponse> resolve(ServerRequest request) {
        return store(request).flatMap(store -> {
            long id = number(request, "no open review");
            return notAdjusted(store, id, "review " + id + " was resolved already, by receipt ")
                    .then(reads.findOpenReview(store.key(), id))
                    .flatMap(open -> open.isPresent() ? adjust(request, store, InputKind.REVIEW_RESOLUTION, id)
                            : Mono.error(ApiProblem.notFound("no open review " + id + " in store " + store.key().store())));
        });
    }

    /** Answers a shopper's dispute of a receipt with an adjusted receipt; see the class comment. */
    private Mono<ServerResponse> dispute(ServerRequest request) {
        return store(request).flatMap(store -> {
            long id = number(request, "no such receipt");
            return notAdjusted(store, id, "receipt " + id + " was adjusted already; dispute its adjusted receipt ")
                    .then(reads.findReceipt(store.key(), id))
                    .flatMap(kept -> kept.isPresent() ? Mono.just(kept) : reads.findOpenReview(store.key(), id))
                    .flatMap(kept -> kept.isPresent() ? adjust(request, store, InputKind.RECEIPT_DISPUTE, id)
                            : Mono.error(ApiProblem.notFound("no receipt " + id + " is kept in store " + store.key().store())));
        });
    }

    /** 409 when receipt {@code id} was adjusted before; the detail ends with the adjusting receipt's number. */
    private Mono<Void> notAdjusted(RegisteredStore store, long id, String detail) {
        return reads.findAdjustment(store.key(), id).flatMap(adjusted -> adjusted.isPresent()
                ? Mono.error(new ApiProblem(ProblemType.CONFLICT, detail + adjusted.get()))
                : Mono.empty());
    }

    /** Checks the body, sends the request down the store's input stream and answers with the adjusted receipt. */
    private Mono<ServerResponse> adjust(ServerRequest request, RegisteredStore store, InputKind kind, long id) {
        return request.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> {
                    byte[] record = parser.reviewRecord(kind, id, body, store, clock.instant());
                    StoreInput input = parser.parse(kind, record, store, Optional.empty());
                    return ingest.submit(store, kind, record, input);
                })
                .onErrorMap(StoreInputException.class, StoreHandler::problemOf)
                .then(awaitAdjustment(store.key(), id))
                .flatMap(adjusted -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(adjusted))
                .switchIfEmpty(Mono.defer(() -> ServerResponse.accepted().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("queued", id))));
    }

    /** The receipt that adjusted {@code id} once the store's owner has issued it; empty past {@link #ADJUSTMENT_WAIT}. */
    private Mono<ReceiptView> awaitAdjustment(StoreKey key, long id) {
        return Mono.defer(() -> reads.findAdjustment(key, id))
                .flatMap(adjusted -> adjusted.isPresent() ? reads.findReceipt(key, adjusted.get()) : Mono.just(Optional.<ReceiptView>empty()))
                .flatMap(Mono::justOrEmpty)
                .repeatWhenEmpty(attempts -> attempts.delayElements(ADJUSTMENT_POLL))
                .timeout(ADJUSTMENT_WAIT, Mono.empty());
    }

    private Mono<ServerResponse> post(ServerRequest request, InputKind kind) {
        return lookup.find(request, kind == InputKind.CAMERA_FRAMES).flatMap(store -> request.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                // Parsing a batch of up to a megabyte is CPU work: keep it off the event loop.
                .publishOn(Schedulers.parallel())
                .flatMap(body -> {
                    StoreInput input = parser.parse(kind, body, store, Optional.of(clock.instant()));
                    return ingest.submit(store, kind, body, input).thenReturn(input.size());
                })
                .onErrorMap(StoreInputException.class, StoreHandler::problemOf)
                .flatMap(accepted -> ServerResponse.accepted().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("accepted", accepted))));
    }

    private Mono<ServerResponse> cart(ServerRequest request) {
        String shopper = request.pathVariable("shopper");
        return store(request).flatMap(store -> reads.findCart(store.key(), shopper).flatMap(cart -> {
            if (cart.isEmpty()) {
                return Mono.error(ApiProblem.notFound("no open cart for shopper " + shopper + " in store " + store.key().store()));
            }
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(cart.get());
        }));
    }

    private Mono<ServerResponse> receipts(ServerRequest request) {
        long since = longParam(request, "since", 0, 0, Long.MAX_VALUE);
        int limit = (int) longParam(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return store(request).flatMap(store -> reads.receiptsAfter(store.key(), since, limit).flatMap(receipts -> {
            long next = receipts.isEmpty() ? since : receipts.get(receipts.size() - 1).seq();
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(new ReceiptPage(receipts, next));
        }));
    }

    /** The layout as registered, byte for byte: the floor plan a store view draws. */
    private Mono<ServerResponse> layout(ServerRequest request) {
        return store(request).flatMap(store -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .bodyValue(store.layoutJson()));
    }

    private Mono<ServerResponse> events(ServerRequest request) {
        return store(request).flatMap(this::events);
    }

    private Mono<ServerResponse> events(RegisteredStore store) {
        Flux<ServerSentEvent<Object>> events = reads.events(store.key())
                .map(event -> event instanceof StoreEvent.ReceiptIssued receipt
                        ? ServerSentEvent.<Object>builder(receipt.receipt()).event(event.name())
                                .id(Long.toString(receipt.receipt().seq())).build()
                        : ServerSentEvent.<Object>builder(((StoreEvent.CartChanged) event).cart()).event(event.name()).build());
        // A comment now and then keeps idle connections from being cut by proxies.
        Flux<ServerSentEvent<Object>> keepAlive = Flux.interval(Duration.ofSeconds(15))
                .map(tick -> ServerSentEvent.<Object>builder().comment("keep-alive").build());
        // Merged last, the opening comment goes out once the feed is subscribed: nothing after it is missed.
        Mono<ServerSentEvent<Object>> open = Mono.just(ServerSentEvent.<Object>builder().comment("open").build());
        return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                .body(Flux.merge(events, keepAlive, open), ServerSentEvent.class);
    }

    /** The open reviews, oldest first. */
    public record ReviewList(List<OpenReview> reviews) {
    }

    /** An open review: its id (the flagged receipt's number) and the flagged receipt with its evidence. */
    public record OpenReview(long id, ReceiptView receipt) {
    }

    /** A page of receipts and the cursor of the next page. */
    public record ReceiptPage(List<ReceiptView> receipts, long next) {
    }

    /** The one place a refused store input becomes an HTTP answer: 400, or 413 for a batch over its bound. */
    static ApiProblem problemOf(StoreInputException refused) {
        ProblemType type = switch (refused.reason()) {
            case INVALID -> ProblemType.INVALID_REQUEST;
            case MALFORMED -> ProblemType.MALFORMED_BODY;
            case TOO_LARGE -> ProblemType.TOO_LARGE;
        };
        return new ApiProblem(type, refused.getMessage());
    }

    /** The caller's store named in the path; 404 for an unknown store or another tenant's. */
    private Mono<RegisteredStore> store(ServerRequest request) {
        return lookup.find(request);
    }

    /** The {@code id} of the path; 404 for anything but a receipt number. */
    private static long number(ServerRequest request, String missing) {
        String id = request.pathVariable("id");
        if (!NUMBER.matcher(id).matches()) {
            throw ApiProblem.notFound(missing + " " + id);
        }
        return Long.parseLong(id);
    }
}
