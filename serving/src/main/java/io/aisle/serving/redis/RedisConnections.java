package io.aisle.serving.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;

/**
 * The server's Redis client and its connections: strings, strings to bytes (store and warehouse
 * checkpoints), one for pub/sub (live store events, relayed warehouse calls), and one whose reads Redis
 * tracks for the near cache of user histories (RESP3 client tracking reports every key read on a connection,
 * so it carries those reads alone).
 *
 * <p>While Redis is unreachable, commands fail at once instead of queueing
 * ({@code REJECT_COMMANDS}) and every command times out after {@link #COMMAND_TIMEOUT}, so a
 * request waits at most that long before its adapter falls back; Lettuce keeps reconnecting in
 * the background. Thread-safe; closed with the server.
 */
public final class RedisConnections implements AutoCloseable {

    public static final Duration COMMAND_TIMEOUT = Duration.ofMillis(250);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> strings;
    private final StatefulRedisConnection<String, byte[]> bytes;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final StatefulRedisConnection<String, String> tracked;

    public RedisConnections(String url) {
        client = RedisClient.create(url);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        strings = client.connect();
        bytes = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        pubSub = client.connectPubSub();
        tracked = client.connect();
    }

    public StatefulRedisConnection<String, String> strings() {
        return strings;
    }

    public StatefulRedisConnection<String, byte[]> bytes() {
        return bytes;
    }

    /** A subscriber's connection; after a reconnect Lettuce subscribes its channels again. */
    public StatefulRedisPubSubConnection<String, String> pubSub() {
        return pubSub;
    }

    /** The connection of the user-history near cache's reads; nothing else may read through it. */
    public StatefulRedisConnection<String, String> tracked() {
        return tracked;
    }

    /** {@code t:{tenant}:{rest}}: every key the server writes belongs to one tenant. */
    public static String key(String tenant, String rest) {
        return "t:" + tenant + ":" + rest;
    }

    @Override
    public void close() {
        strings.close();
        bytes.close();
        pubSub.close();
        tracked.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
