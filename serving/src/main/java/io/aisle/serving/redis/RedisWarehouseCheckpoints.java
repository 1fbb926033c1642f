package io.aisle.serving.redis;

import io.aisle.robotics.dispatch.DispatcherCheckpoint;
import io.aisle.serving.warehouse.WarehouseCheckpoints;
import io.aisle.serving.warehouse.WarehouseKey;
import io.aisle.serving.warehouse.WarehouseLeases.WarehouseLeaseUnavailableException;
import io.aisle.serving.warehouse.WarehouseStateFile;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warehouse checkpoints where the next owner reads them: the hash {@code t:{tenant}:wh:{{warehouse}}:checkpoint}
 * with the fields {@code fence} (the writer's fencing token) and {@code checkpoint} (the
 * {@link WarehouseStateFile} JSON). A Lua script writes it only while the writer's token is still the warehouse's
 * latest ({@code …:fence}, see {@link RedisWarehouseLeases}): once another replica has taken the lease, a write of
 * the replica that lost it is refused, however late it arrives.
 *
 * <p>Blocking commands, each waiting at most {@link RedisConnections#COMMAND_TIMEOUT}: called from the ticker, the
 * lease thread and dispatcher calls on {@code boundedElastic}, never from an event loop. Thread-safe.
 */
public final class RedisWarehouseCheckpoints implements WarehouseCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(RedisWarehouseCheckpoints.class);
    /** 1 when written, 0 when a later lease holder exists. */
    private static final String SAVE = """
            local latest = tonumber(redis.call('GET', KEYS[1]))
            if latest == nil or latest ~= tonumber(ARGV[1]) then
              return 0
            end
            redis.call('HSET', KEYS[2], 'fence', ARGV[1], 'checkpoint', ARGV[2])
            return 1
            """;

    private final RedisConnections redis;

    public RedisWarehouseCheckpoints(RedisConnections redis) {
        this.redis = redis;
    }

    public static String key(WarehouseKey key) {
        return RedisWarehouseLeases.key(key, "checkpoint");
    }

    @Override
    public void save(WarehouseKey key, long fence, DispatcherCheckpoint checkpoint) {
        Long written;
        try {
            written = commands().eval(SAVE, ScriptOutputType.INTEGER,
                    new String[] {RedisWarehouseLeases.key(key, "fence"), key(key)},
                    Long.toString(fence).getBytes(StandardCharsets.US_ASCII), WarehouseStateFile.toBytes(checkpoint));
        } catch (RedisException e) {
            throw new WarehouseLeaseUnavailableException("cannot write the checkpoint of warehouse " + key
                    + " to Redis: " + e, e);
        }
        if (written == null || written == 0) {
            throw new FencedOutException("the checkpoint of warehouse " + key + " with fencing token " + fence
                    + " is refused: another replica has taken the warehouse");
        }
    }

    @Override
    public Optional<DispatcherCheckpoint> find(WarehouseKey key) {
        Map<String, byte[]> fields;
        try {
            fields = commands().hgetall(key(key));
        } catch (RedisCommandExecutionException e) {
            // WRONGTYPE: something other than a checkpoint hash sits under the key.
            throw new IllegalArgumentException("warehouse state in Redis key " + key(key) + " is not a hash: "
                    + e.getMessage(), e);
        } catch (RedisException e) {
            throw new WarehouseLeaseUnavailableException("cannot read the checkpoint of warehouse " + key
                    + " from Redis: " + e, e);
        }
        if (fields == null || fields.isEmpty()) {
            return Optional.empty();
        }
        byte[] value = fields.get("checkpoint");
        if (value == null) {
            throw new IllegalArgumentException("warehouse state in Redis key " + key(key) + " lacks field 'checkpoint'");
        }
        return Optional.of(WarehouseStateFile.fromBytes(value, "in Redis key " + key(key)));
    }

    @Override
    public void setAside(WarehouseKey key) {
        String kept = key(key) + ":corrupt";
        try {
            commands().rename(key(key), kept);
            log.error("warehouse {} starts empty, its state is kept in Redis key {}", key, kept);
        } catch (RedisException e) {
            log.error("cannot move Redis key {} aside: {}", key(key), e.toString());
        }
    }

    private RedisCommands<String, byte[]> commands() {
        return redis.bytes().sync();
    }
}
