package io.aisle.serving.redis;

import io.aisle.serving.events.EventType;
import io.aisle.serving.events.InteractionEvent;
import io.aisle.serving.events.UserHistory;
import io.aisle.serving.events.UserHistoryStore;
import io.aisle.serving.tenancy.TenantId;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * User histories shared by every replica: {@code t:{tenant}:u:{user}:bought} (a set) and
 * {@code t:{tenant}:u:{user}:recent} (a list, newest first, at most {@link UserHistory#MAX_RECENT}),
 * both expiring {@link #RETENTION} after the last event.
 *
 * <p>Reads are served from a near cache kept valid by Redis client tracking ({@link TrackedNearCache}): a
 * history read once is answered from memory until any client changes one of its two keys. Every event is also
 * applied to a local fallback store, which answers while Redis is unreachable, so recommendations keep answering.
 * A write that Redis refuses fails the batch, so the bus redelivers it and nothing is lost.
 */
public final class RedisUserHistoryStore implements UserHistoryStore {

    static final Duration RETENTION = Duration.ofDays(90);

    /** Histories kept in memory at most; past it, reads go to Redis (about 100 bytes each, plus Redis's tracking rows). */
    static final int NEAR_CACHE_ENTRIES = 200_000;

    private final RedisConnections redis;
    private final UserHistoryStore fallback;
    private final TrackedNearCache<UserHistory> nearCache;

    public RedisUserHistoryStore(RedisConnections redis, UserHistoryStore fallback) {
        this.redis = redis;
        this.fallback = fallback;
        this.nearCache = new TrackedNearCache<>(redis.tracked(), RedisUserHistoryStore::historyOf, NEAR_CACHE_ENTRIES);
    }

    @Override
    public Mono<Void> apply(List<InteractionEvent> events) {
        RedisReactiveCommands<String, String> commands = redis.strings().reactive();
        return fallback.apply(events).then(Flux.fromIterable(events)
                .concatMap(event -> {
                    String recent = key(event.tenant(), event.user(), "recent");
                    String bought = key(event.tenant(), event.user(), "bought");
                    Mono<?> purchase = event.type() == EventType.PURCHASE
                            ? commands.sadd(bought, event.item()).then(commands.expire(bought, RETENTION))
                            : Mono.empty();
                    return commands.lrem(recent, 0, event.item())
                            .then(commands.lpush(recent, event.item()))
                            .then(commands.ltrim(recent, 0, UserHistory.MAX_RECENT - 1))
                            .then(commands.expire(recent, RETENTION))
                            .then(purchase);
                })
                .then()
                .timeout(RedisConnections.COMMAND_TIMEOUT.multipliedBy(Math.max(1, events.size()))));
    }

    @Override
    public Mono<UserHistory> find(TenantId tenant, String user) {
        String entry = key(tenant, user, "");
        Optional<UserHistory> cached = nearCache.find(entry);
        if (cached.isPresent()) {
            return Mono.just(cached.get());
        }
        return Mono.defer(() -> {
            // Marked before the reads are sent, so that an invalidation of either key in between is not missed.
            Object mark = nearCache.beforeRead(entry);
            RedisReactiveCommands<String, String> commands = nearCache.connection().reactive();
            Mono<HashSet<String>> bought = commands.smembers(key(tenant, user, "bought")).collect(HashSet::new, HashSet::add);
            Mono<List<String>> recent = commands.lrange(key(tenant, user, "recent"), 0, UserHistory.MAX_RECENT - 1).collectList();
            return Mono.zip(bought, recent).map(both -> {
                UserHistory history = new UserHistory(both.getT1(), both.getT2());
                nearCache.store(entry, mark, history);
                return history;
            });
        })
                .timeout(RedisConnections.COMMAND_TIMEOUT)
                .onErrorResume(failure -> fallback.find(tenant, user))
                // Whatever the caller does with the history must not run on Lettuce's I/O thread, which carries
                // every request's Redis traffic.
                .publishOn(Schedulers.parallel());
    }

    /** {@code t:{tenant}:u:{user}:{kind}}; with an empty kind, the near cache's entry for the user. */
    private static String key(TenantId tenant, String user, String kind) {
        return RedisConnections.key(tenant.value(), "u:" + user + ":" + kind);
    }

    /** The near-cache entry of a history key: the key without its kind. */
    private static String historyOf(String redisKey) {
        return redisKey.substring(0, redisKey.lastIndexOf(':') + 1);
    }
}
