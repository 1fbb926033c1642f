package io.aisle.serving.redis;

import io.aisle.serving.events.UserHistory;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.DisconnectedEvent;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * User histories cached in this replica and kept true by Redis itself: the reads go through a connection with
 * {@code CLIENT TRACKING} on (RESP3), and Redis pushes an {@code invalidate} naming each key another client (or
 * this replica's writer) changes after it was read. A history is cached only if no invalidation arrived while it
 * was being read (a placeholder taken before the read must still be there after it).
 *
 * <p>Invalidations are lost while the connection is down, so every disconnect empties the cache and turns it off,
 * and every reconnect turns tracking on again (Lettuce does not restore it) before the cache is used again. The
 * cache holds at most {@value #MAX_USERS} users and starts afresh when full; Redis, not this bound, keeps it true.
 */
final class TrackedHistoryCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrackedHistoryCache.class);
    static final int MAX_USERS = 100_000;

    /** A read under way: cached only if it is still the entry when the read returns. */
    private static final class Reading {
    }

    private final StatefulRedisConnection<String, String> tracked;
    private final ConcurrentHashMap<String, Object> entries = new ConcurrentHashMap<>();
    private final Disposable connectionEvents;
    private volatile boolean trusted;

    TrackedHistoryCache(RedisConnections redis) {
        this.tracked = redis.tracked();
        tracked.addListener(this::onPush);
        connectionEvents = redis.connectionEvents().subscribe(event -> {
            if (event instanceof DisconnectedEvent) {
                distrust();
            } else if (event instanceof ConnectionActivatedEvent) {
                startTracking();
            }
        });
        startTracking();
    }

    /**
     * The cached history of the user whose Redis keys start with {@code userPrefix}, or {@code read}'s answer,
     * cached when nothing changed while it was read.
     */
    Mono<UserHistory> find(String userPrefix, Supplier<Mono<UserHistory>> read) {
        if (!trusted) {
            return read.get();
        }
        Object entry = entries.get(userPrefix);
        if (entry instanceof UserHistory cached) {
            return Mono.just(cached);
        }
        Reading reading = new Reading();
        if (entries.size() >= MAX_USERS) {
            entries.clear();
        }
        entries.put(userPrefix, reading);
        return read.get().doOnNext(history -> entries.replace(userPrefix, reading, history));
    }

    /** The connection the reads must use, so that Redis tracks what was read. */
    StatefulRedisConnection<String, String> connection() {
        return tracked;
    }

    boolean trusted() {
        return trusted;
    }

    /** This replica just wrote the user's keys: no need to wait for Redis to say so. */
    void invalidate(String userPrefix) {
        entries.remove(userPrefix);
    }

    private void onPush(PushMessage message) {
        if (!"invalidate".equals(message.getType())) {
            return;
        }
        List<Object> content = message.getContent(StringCodec.UTF8::decodeKey);
        if (content.size() < 2 || !(content.get(1) instanceof List<?> keys)) {
            entries.clear(); // a flush, or Redis dropped keys from its tracking table
            return;
        }
        for (Object key : keys) {
            entries.remove(userPrefixOf(key.toString()));
        }
    }

    /** {@code t:{tenant}:u:{user}:bought} → {@code t:{tenant}:u:{user}}. */
    static String userPrefixOf(String key) {
        int kind = key.lastIndexOf(':');
        return kind < 0 ? key : key.substring(0, kind);
    }

    private void distrust() {
        trusted = false;
        entries.clear();
    }

    private void startTracking() {
        distrust();
        tracked.async().clientTracking(TrackingArgs.Builder.enabled()).whenComplete((ok, failure) -> {
            if (failure == null && tracked.isOpen()) {
                entries.clear();
                trusted = true;
            } else if (failure != null) {
                // Another connection came back first; this one's own activation tries again.
                log.debug("client tracking not on yet: {}", failure.toString());
            }
        });
    }

    @Override
    public void close() {
        connectionEvents.dispose();
    }
}
