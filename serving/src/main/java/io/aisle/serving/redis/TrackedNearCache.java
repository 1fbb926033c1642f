package io.aisle.serving.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushMessage;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Values read from Redis and kept in this replica until Redis says a key behind them changed: Redis
 * client-side caching (RESP3 {@code CLIENT TRACKING}, default mode) on a connection of its own, so Redis
 * remembers exactly the keys read through it and pushes an {@code invalidate} message on that connection when
 * any client writes one of them. A value is known by an entry name ({@code entryOf} maps a Redis key to it),
 * and several keys may stand behind one entry.
 *
 * <p>A read and the invalidation of its keys race: the entry is marked pending before the read is sent, an
 * invalidation removes the mark, and the value read is kept only if its mark is still there. Redis sends the
 * reply to a read before the invalidation of any later write, and Lettuce hands both over on the connection's one
 * I/O thread in that order, so a value stored from a reply is never older than the last invalidation seen.
 *
 * <p>While the connection is down, invalidations are lost: the cache is emptied and serves nothing until tracking
 * is switched on again on the new connection. Thread-safe.
 */
final class TrackedNearCache<V> {

    private static final Logger log = LoggerFactory.getLogger(TrackedNearCache.class);

    /** One read in flight for an entry; identity matters, not content. */
    private static final class Pending {
    }

    private final StatefulRedisConnection<String, String> connection;
    private final Function<String, String> entryOf;
    private final int maxEntries;
    private final Map<String, Object> entries = new ConcurrentHashMap<>();
    private volatile boolean tracking;

    /**
     * @param connection a connection used for nothing but this cache's reads
     * @param entryOf the entry a Redis key belongs to
     * @param maxEntries above this many entries nothing more is cached (Redis also keeps a row per tracked key)
     */
    TrackedNearCache(StatefulRedisConnection<String, String> connection, Function<String, String> entryOf, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1 but was " + maxEntries);
        }
        this.connection = connection;
        this.entryOf = entryOf;
        this.maxEntries = maxEntries;
        connection.addListener(this::onPush);
        connection.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                startTracking();
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                tracking = false;
                entries.clear();
            }
        });
        startTracking();
    }

    /** The connection whose reads Redis tracks for this cache. */
    StatefulRedisConnection<String, String> connection() {
        return connection;
    }

    /** The cached value of {@code entry}, if tracking is on and no key behind it changed since it was read. */
    @SuppressWarnings("unchecked")
    Optional<V> find(String entry) {
        Object value = tracking ? entries.get(entry) : null;
        return value == null || value instanceof Pending ? Optional.empty() : Optional.of((V) value);
    }

    /**
     * Marks {@code entry} as being read; call before sending the read on {@link #connection()}, and pass the
     * mark to {@link #store}.
     */
    Object beforeRead(String entry) {
        Pending mark = new Pending();
        if (tracking && entries.size() < maxEntries) {
            entries.put(entry, mark);
        }
        return mark;
    }

    /** Keeps {@code value} unless a key behind {@code entry} changed after {@code mark} was set. */
    void store(String entry, Object mark, V value) {
        entries.replace(entry, mark, value);
    }

    private void startTracking() {
        connection.async().clientTracking(TrackingArgs.Builder.enabled()).whenComplete((ok, failure) -> {
            if (failure == null) {
                tracking = true;
            } else {
                log.warn("Redis client tracking is off; user histories are read from Redis on every request: {}",
                        failure.toString());
            }
        });
    }

    private void onPush(PushMessage message) {
        if (!"invalidate".equals(message.getType())) {
            return;
        }
        List<Object> content = message.getContent(buffer -> StandardCharsets.UTF_8.decode(buffer).toString());
        Object keys = content.size() > 1 ? content.get(1) : null;
        if (keys instanceof List<?> list) {
            for (Object key : list) {
                entries.remove(entryOf.apply(String.valueOf(key)));
            }
        } else {
            // A null key list: Redis flushed its keys, or evicted its tracking table.
            entries.clear();
        }
    }
}
