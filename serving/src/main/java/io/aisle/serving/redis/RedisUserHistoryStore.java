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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * User histories shared by every replica: {@code t:{tenant}:u:{user}:bought} (a set) and
 * {@code t:{tenant}:u:{user}:recent} (a list, newest first, at most {@link UserHistory#MAX_RECENT}),
 * both expiring {@link #RETENTION} after the last event.
 *
 * <p>Every event is also applied to a local near-cache. Reads go to Redis and fall back to that
 * cache while Redis is unreachable, so recommendations keep answering. A write that Redis
 * refuses fails the batch, so the bus redelivers it and nothing is lost.
 */
public final class RedisUserHistoryStore implements UserHistoryStore {

    static final Duration RETENTION = Duration.ofDays(90);

    private final RedisConnections redis;
    private final UserHistoryStore nearCache;

    public RedisUserHistoryStore(RedisConnections redis, UserHistoryStore nearCache) {
        this.redis = redis;
        this.nearCache = nearCache;
    }

    @Override
    public Mono<Void> apply(List<InteractionEvent> events) {
        RedisReactiveCommands<String, String> commands = redis.strings().reactive();
        return nearCache.apply(events).then(Flux.fromIterable(events)
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
        RedisReactiveCommands<String, String> commands = redis.strings().reactive();
        Mono<HashSet<String>> bought = commands.smembers(key(tenant, user, "bought")).collect(HashSet::new, HashSet::add);
        Mono<List<String>> recent = commands.lrange(key(tenant, user, "recent"), 0, UserHistory.MAX_RECENT - 1).collectList();
        return Mono.zip(bought, recent)
                .map(both -> new UserHistory(both.getT1(), both.getT2()))
                .timeout(RedisConnections.COMMAND_TIMEOUT)
                .onErrorResume(failure -> nearCache.find(tenant, user))
                // Whatever the caller does with the history must not run on Lettuce's I/O thread, which carries
                // every request's Redis traffic.
                .publishOn(Schedulers.parallel());
    }

    private static String key(TenantId tenant, String user, String kind) {
        return RedisConnections.key(tenant.value(), "u:" + user + ":" + kind);
    }
}
