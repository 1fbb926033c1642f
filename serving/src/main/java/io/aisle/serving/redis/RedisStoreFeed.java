package io.aisle.serving.redis;

import io.aisle.serving.store.CartView;
import io.aisle.serving.store.ReceiptView;
import io.aisle.serving.store.StoreEvent;
import io.aisle.serving.store.StoreEventPublisher;
import io.aisle.serving.store.StoreKey;
import io.aisle.serving.store.StoreReads;
import io.aisle.serving.web.ApiProblem;
import io.aisle.serving.web.ProblemType;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.api.reactive.RedisPubSubReactiveCommands;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carts and receipts of the stores this process owns, written to Redis so that every server
 * answers a store's reads (Kafka mode, where one worker owns each store):
 * <ul>
 *   <li>{@code t:{tenant}:store:{store}:receipts}: a stream, entry id {@code {seq}-0}, field
 *       {@code json} the {@link ReceiptView}; trimmed to about {@code maxReceiptsPerStore}. Redis
 *       refuses an id at or below the stream's last one, so a receipt issued again by a worker
 *       that resumed from a checkpoint is written once.</li>
 *   <li>{@code t:{tenant}:store:{store}:reviews}: a hash, field {@code {seq}}, value the flagged
 *       {@link ReceiptView}, while its review is open; the field goes when a receipt adjusting it is
 *       written.</li>
 *   <li>{@code t:{tenant}:store:{store}:adjustments}: a hash, field the adjusted receipt's
 *       {@code {seq}}, value the {@code seq} of the receipt that adjusted it; kept for good (a few
 *       bytes per review or dispute) so a second resolution is told from an unknown one.</li>
 *   <li>{@code t:{tenant}:store:{store}:cart:{shopper}}: the {@link CartView} as JSON, expiring a
 *       day after its last change, deleted once the shopper's receipt is out.</li>
 *   <li>channel {@code t:{tenant}:store:{store}:events}: {@code {"event":"cart"|"receipt","data":…}}
 *       for the live stream of any server.</li>
 * </ul>
 *
 * <p>Writes come from the owner's thread and wait for Redis (at most
 * {@link RedisConnections#COMMAND_TIMEOUT} per attempt). While Redis is down they wait in this
 * process, in order, and {@link #flush()} says false, so the worker takes no checkpoint that a
 * successor would resume past them; attempts are spaced {@link #RETRY_PAUSE} apart so the worker
 * keeps applying inputs meanwhile. Reads never block: they answer 503 while Redis is down.
 */
public final class RedisStoreFeed implements StoreEventPublisher, StoreReads {

    private static final Logger log = LoggerFactory.getLogger(RedisStoreFeed.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration CART_RETENTION = Duration.ofDays(1);
    static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final RedisConnections redis;
    private final int maxReceiptsPerStore;
    private final Map<String, Flux<StoreEvent>> channels = new ConcurrentHashMap<>();

    /** Events not yet in Redis, oldest first; guarded by this. */
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long retryAtNanos = System.nanoTime();

    private record Pending(StoreKey store, StoreEvent event) {
    }

    public RedisStoreFeed(RedisConnections redis, int maxReceiptsPerStore) {
        this.redis = redis;
        this.maxReceiptsPerStore = maxReceiptsPerStore;
    }

    @Override
    public synchronized void publish(StoreKey store, List<StoreEvent> events) {
        events.forEach(event -> pending.addLast(new Pending(store, event)));
        if (System.nanoTime() - retryAtNanos >= 0) {
            send();
        }
    }

    @Override
    public synchronized boolean flush() {
        if (pending.isEmpty()) {
            return true;
        }
        // Within the pause after a failure, a checkpoint attempt must not wait on Redis again.
        return System.nanoTime() - retryAtNanos >= 0 && send();
    }

    /** Sends every pending event in one pipeline; on any failure keeps them all for the next attempt. */
    private boolean send() {
        RedisAsyncCommands<String, String> commands = redis.strings().async();
        List<RedisFuture<?>> writes = new ArrayList<>();
        for (Pending p : pending) {
            String json = toJson(p.event());
            if (p.event() instanceof StoreEvent.CartChanged changed) {
                CartView cart = changed.cart();
                writes.add(commands.set(cartKey(p.store(), cart.shopper()), json, SetArgs.Builder.ex(CART_RETENTION)));
            } else {
                ReceiptView receipt = ((StoreEvent.ReceiptIssued) p.event()).receipt();
                XAddArgs args = new XAddArgs().id(receipt.seq() + "-0").maxlen(maxReceiptsPerStore).approximateTrimming();
                writes.add(commands.xadd(receiptsKey(p.store()), args, Map.of("json", json)));
                writes.add(commands.del(cartKey(p.store(), receipt.shopper())));
                if (receipt.adjusts() != null) {
                    writes.add(commands.hdel(reviewsKey(p.store()), Long.toString(receipt.adjusts())));
                    writes.add(commands.hset(adjustmentsKey(p.store()), Long.toString(receipt.adjusts()),
                            Long.toString(receipt.seq())));
                } else if (receipt.needsReview()) {
                    writes.add(commands.hset(reviewsKey(p.store()), Long.toString(receipt.seq()), json));
                }
            }
            writes.add(commands.publish(channel(p.store()), "{\"event\":\"" + p.event().name() + "\",\"data\":" + json + "}"));
        }
        try {
            for (RedisFuture<?> write : writes) {
                awaitWrite(write);
            }
        } catch (RuntimeException | TimeoutException | ExecutionException e) {
            retryAtNanos = System.nanoTime() + RETRY_PAUSE.toNanos();
            log.warn("{} store events wait for Redis: {}", pending.size(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        pending.clear();
        return true;
    }

    private static void awaitWrite(RedisFuture<?> write) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            write.get(RedisConnections.COMMAND_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // A receipt issued again after a resume: its number is already in the stream.
            if (!(e.getCause() instanceof RedisCommandExecutionException refused
                    && String.valueOf(refused.getMessage()).contains("equal or smaller"))) {
                throw e;
            }
        }
    }

    @Override
    public Mono<Optional<CartView>> findCart(StoreKey store, String shopper) {
        return readOptional(redis.strings().reactive().get(cartKey(store, shopper)).map(json -> fromJson(json, CartView.class)));
    }

    @Override
    public Mono<List<ReceiptView>> receiptsAfter(StoreKey store, long afterSeq, int limit) {
        if (afterSeq == Long.MAX_VALUE) {
            return Mono.just(List.of());
        }
        Range<String> range = Range.from(Range.Boundary.including((afterSeq + 1) + "-0"), Range.Boundary.unbounded());
        return redis.strings().reactive().xrange(receiptsKey(store), range, Limit.from(limit))
                .map(StreamMessage::getBody)
                .map(body -> fromJson(body.get("json"), ReceiptView.class))
                .collectList()
                .timeout(RedisConnections.COMMAND_TIMEOUT)
                .onErrorMap(failure -> !(failure instanceof ApiProblem), RedisStoreFeed::unavailable);
    }

    @Override
    public Mono<Optional<ReceiptView>> findReceipt(StoreKey store, long seq) {
        Range<String> one = Range.create(seq + "-0", seq + "-0");
        return readOptional(redis.strings().reactive().xrange(receiptsKey(store), one).next()
                .map(message -> fromJson(message.getBody().get("json"), ReceiptView.class)));
    }

    @Override
    public Mono<List<ReceiptView>> openReviews(StoreKey store) {
        return redis.strings().reactive().hvals(reviewsKey(store))
                .map(json -> fromJson(json, ReceiptView.class))
                .sort(Comparator.comparingLong(ReceiptView::seq))
                .collectList()
                .timeout(RedisConnections.COMMAND_TIMEOUT)
                .onErrorMap(failure -> !(failure instanceof ApiProblem), RedisStoreFeed::unavailable);
    }

    @Override
    public Mono<Optional<ReceiptView>> findOpenReview(StoreKey store, long seq) {
        return readOptional(redis.strings().reactive().hget(reviewsKey(store), Long.toString(seq))
                .map(json -> fromJson(json, ReceiptView.class)));
    }

    @Override
    public Mono<Optional<Long>> findAdjustment(StoreKey store, long seq) {
        return readOptional(redis.strings().reactive().hget(adjustmentsKey(store), Long.toString(seq)).map(Long::parseLong));
    }

    private static <T> Mono<Optional<T>> readOptional(Mono<T> read) {
        return read.map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .timeout(RedisConnections.COMMAND_TIMEOUT)
                .onErrorMap(failure -> !(failure instanceof ApiProblem), RedisStoreFeed::unavailable);
    }

    /**
     * One Redis subscription per store channel, shared by every local subscriber, unsubscribed when
     * the last of them leaves.
     */
    @Override
    public Flux<StoreEvent> events(StoreKey store) {
        String channel = channel(store);
        return channels.computeIfAbsent(channel, c -> {
            RedisPubSubReactiveCommands<String, String> pubSub = redis.pubSub().reactive();
            Flux<StoreEvent> messages = pubSub.observeChannels()
                    .filter(message -> message.getChannel().equals(c))
                    .flatMap(message -> Mono.justOrEmpty(toEvent(message.getMessage())));
            return messages.mergeWith(pubSub.subscribe(c).then(Mono.empty()))
                    // The shared flux stays in the map: its next first subscriber subscribes the channel again.
                    .doFinally(signal -> pubSub.unsubscribe(c)
                            .subscribe(null, failure -> log.debug("unsubscribe {}: {}", c, failure.toString())))
                    .publish()
                    .refCount();
        });
    }

    private static Optional<StoreEvent> toEvent(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            JsonNode data = node.get("data");
            String name = node.path("event").asString("");
            if ("cart".equals(name)) {
                return Optional.of(new StoreEvent.CartChanged(JSON.treeToValue(data, CartView.class)));
            }
            if ("receipt".equals(name)) {
                return Optional.of(new StoreEvent.ReceiptIssued(JSON.treeToValue(data, ReceiptView.class)));
            }
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn("skipping a store event that is not one: {}", e.getMessage());
        }
        return Optional.empty();
    }

    private static String toJson(StoreEvent event) {
        Object value = event instanceof StoreEvent.CartChanged changed ? changed.cart()
                : ((StoreEvent.ReceiptIssued) event).receipt();
        return JSON.writeValueAsString(value);
    }

    private static <T> T fromJson(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " is not valid JSON", e);
        }
    }

    private static ApiProblem unavailable(Throwable failure) {
        log.debug("store state read from Redis failed: {}", failure.toString());
        return new ApiProblem(ProblemType.UNAVAILABLE, "the shared store state is unavailable; retry");
    }

    static String receiptsKey(StoreKey store) {
        return RedisConnections.key(store.tenant().value(), "store:" + store.store() + ":receipts");
    }

    static String reviewsKey(StoreKey store) {
        return RedisConnections.key(store.tenant().value(), "store:" + store.store() + ":reviews");
    }

    static String adjustmentsKey(StoreKey store) {
        return RedisConnections.key(store.tenant().value(), "store:" + store.store() + ":adjustments");
    }

    static String cartKey(StoreKey store, String shopper) {
        return RedisConnections.key(store.tenant().value(), "store:" + store.store() + ":cart:" + shopper);
    }

    static String channel(StoreKey store) {
        return RedisConnections.key(store.tenant().value(), "store:" + store.store() + ":events");
    }
}
