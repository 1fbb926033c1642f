package io.aisle.serving.redis;

import io.aisle.serving.events.EventType;
import io.aisle.serving.events.InteractionEvent;
import io.aisle.serving.events.UserHistory;
import io.aisle.serving.events.UserHistoryStore;
import io.aisle.serving.tenancy.TenantId;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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

    /**
     * KEYS: per event its {@code recent} then its {@code bought} key; ARGV: retention in seconds, the most recent
     * items kept, then per event its item and 1 for a purchase.
     */
    static final String APPLY_SCRIPT = """
            local retention = tonumber(ARGV[1])
            local keep = tonumber(ARGV[2])
            for i = 1, #KEYS / 2 do
              local recent = KEYS[2 * i - 1]
              local item = ARGV[2 * i + 1]
              redis.call('LREM', recent, 0, item)
              redis.call('LPUSH', recent, item)
              redis.call('LTRIM', recent, 0, keep - 1)
              redis.call('EXPIRE', recent, retention)
              if ARGV[2 * i + 2] == '1' then
                redis.call('SADD', KEYS[2 * i], item)
                redis.call('EXPIRE', KEYS[2 * i], retention)
              end
            end
            return #KEYS / 2
            """;

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
        if (events.isEmpty()) {
            return Mono.empty();
        }
        String[] keys = new String[events.size() * 2];
        String[] args = new String[2 + events.size() * 2];
        args[0] = Long.toString(RETENTION.toSeconds());
        args[1] = Integer.toString(UserHistory.MAX_RECENT);
        for (int i = 0; i < events.size(); i++) {
            InteractionEvent event = events.get(i);
            keys[2 * i] = key(event.tenant(), event.user(), "recent");
            keys[2 * i + 1] = key(event.tenant(), event.user(), "bought");
            args[2 + 2 * i] = event.item();
            args[3 + 2 * i] = event.type() == EventType.PURCHASE ? "1" : "0";
        }
        // One script call for the whole batch: one round trip, and no reader sees half of it.
        return fallback.apply(events)
                .then(redis.strings().reactive().<Long>eval(APPLY_SCRIPT, ScriptOutputType.INTEGER, keys, args).then());
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
