package io.aisle.serving.redis;

import io.aisle.serving.warehouse.WarehouseKey;
import io.aisle.serving.warehouse.WarehouseLeases;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Warehouse leases shared by every replica. {@code t:{tenant}:wh:{{warehouse}}:lease} holds
 * {@code {replica}:{fence}} with a TTL; {@code t:{tenant}:wh:{{warehouse}}:fence} counts acquisitions, so each new
 * lease's fencing token is larger than every earlier one. The warehouse id sits in a hash tag so that a script's
 * keys share one Redis Cluster slot. Acquire, renew and release are Lua scripts, each one atomic step: a renewal or
 * release only touches a lease whose value is still the caller's.
 *
 * <p>Blocking commands, each waiting at most {@link RedisConnections#COMMAND_TIMEOUT}: called from the lease
 * thread, never from an event loop. Thread-safe.
 */
public final class RedisWarehouseLeases implements WarehouseLeases {

    /** The new fencing token, or -1 while someone holds the lease. */
    private static final String ACQUIRE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then
              return -1
            end
            local fence = redis.call('INCR', KEYS[2])
            redis.call('SET', KEYS[1], ARGV[1] .. ':' .. fence, 'PX', ARGV[2])
            return fence
            """;
    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0
            """;
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final RedisConnections redis;
    private final String replica;
    private final String ttlMillis;

    /** @param replica this replica's id, unique among the replicas (it is part of the lease value) */
    public RedisWarehouseLeases(RedisConnections redis, String replica, Duration ttl) {
        this.redis = redis;
        this.replica = replica;
        this.ttlMillis = Long.toString(ttl.toMillis());
    }

    /** A key of the warehouse's lease family: {@code t:{tenant}:wh:{{warehouse}}:{suffix}}. */
    public static String key(WarehouseKey key, String suffix) {
        return RedisConnections.key(key.tenant().value(), "wh:{" + key.warehouse() + "}:" + suffix);
    }

    @Override
    public OptionalLong acquire(WarehouseKey key) {
        Long fence = run(key, "acquire", () -> commands().eval(ACQUIRE, ScriptOutputType.INTEGER,
                new String[] {key(key, "lease"), key(key, "fence")}, replica, ttlMillis));
        return fence == null || fence < 0 ? OptionalLong.empty() : OptionalLong.of(fence);
    }

    @Override
    public boolean renew(WarehouseKey key, long fence) {
        Long renewed = run(key, "renew", () -> commands().eval(RENEW, ScriptOutputType.INTEGER,
                new String[] {key(key, "lease")}, value(fence), ttlMillis));
        return renewed != null && renewed == 1;
    }

    @Override
    public void release(WarehouseKey key, long fence) {
        run(key, "release", () -> commands().<Long>eval(RELEASE, ScriptOutputType.INTEGER,
                new String[] {key(key, "lease")}, value(fence)));
    }

    private String value(long fence) {
        return replica + ":" + fence;
    }

    private static <T> T run(WarehouseKey key, String what, Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            throw new WarehouseLeaseUnavailableException("cannot " + what + " the lease of warehouse " + key
                    + " in Redis: " + e, e);
        }
    }

    private RedisCommands<String, String> commands() {
        return redis.strings().sync();
    }
}
