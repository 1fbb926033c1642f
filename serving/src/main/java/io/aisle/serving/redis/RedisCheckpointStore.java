package io.aisle.serving.redis;

import io.aisle.serving.store.CheckpointStore;
import io.aisle.serving.store.CheckpointStoreUnavailableException;
import io.aisle.serving.store.StoreCheckpoint;
import io.aisle.serving.store.StoreKey;
import io.aisle.serving.store.UnreadableCheckpointException;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Store checkpoints shared by every worker of the store consumer group, one hash per store under
 * {@code t:{tenant}:store:{store}:checkpoint} with the fields {@code nextOffset} and
 * {@code checkpoint} (the {@link StoreCheckpoint} bytes, which carry the offset too). A Lua script
 * writes both fields at once, so a reader never sees one without the other, and refuses a
 * checkpoint older than the stored one: a worker that lost the store in a rebalance but has not
 * noticed yet cannot overwrite its successor's progress.
 *
 * <p>Called from the store worker's own thread, never from an event loop, so the blocking
 * commands wait at most {@link RedisConnections#COMMAND_TIMEOUT} each. Thread-safe.
 */
public final class RedisCheckpointStore implements CheckpointStore {

    private static final String SUFFIX = ":checkpoint";
    private static final String INFIX = ":store:";
    private static final String OFFSET_FIELD = "nextOffset";
    private static final String VALUE_FIELD = "checkpoint";
    /** 1 when written, 0 when the stored checkpoint is further along. */
    private static final String SAVE_SCRIPT = """
            local stored = redis.call('HGET', KEYS[1], 'nextOffset')
            if stored and tonumber(stored) and tonumber(stored) > tonumber(ARGV[1]) then
              return 0
            end
            redis.call('HSET', KEYS[1], 'nextOffset', ARGV[1], 'checkpoint', ARGV[2])
            return 1
            """;

    private final RedisConnections redis;

    public RedisCheckpointStore(RedisConnections redis) {
        this.redis = redis;
    }

    /** The key of a store's checkpoint. */
    public static String key(StoreKey store) {
        return RedisConnections.key(store.tenant().value(), "store:" + store.store() + SUFFIX);
    }

    @Override
    public void save(StoreKey store, StoreCheckpoint checkpoint) {
        byte[] offset = Long.toString(checkpoint.nextOffset()).getBytes(StandardCharsets.US_ASCII);
        Long written;
        try {
            written = commands().eval(SAVE_SCRIPT, ScriptOutputType.INTEGER, new String[] {key(store)}, offset,
                    checkpoint.toBytes());
        } catch (RedisException e) {
            throw new CheckpointStoreUnavailableException("cannot write the checkpoint of " + store + " to Redis: " + e, e);
        }
        if (written == null || written == 0) {
            throw new CheckpointStoreUnavailableException("the checkpoint of " + store + " in Redis is past offset "
                    + checkpoint.nextOffset() + ": another worker owns the store now", null);
        }
    }

    @Override
    public Optional<StoreCheckpoint> find(StoreKey store) {
        Map<String, byte[]> fields;
        try {
            fields = commands().hgetall(key(store));
        } catch (RedisCommandExecutionException e) {
            // WRONGTYPE: something other than a checkpoint hash sits under the key.
            throw new UnreadableCheckpointException(store, "Redis key " + key(store), e);
        } catch (RedisException e) {
            throw new CheckpointStoreUnavailableException("cannot read the checkpoint of " + store + " from Redis: " + e, e);
        }
        if (fields == null || fields.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] value = fields.get(VALUE_FIELD);
            byte[] offset = fields.get(OFFSET_FIELD);
            if (value == null || offset == null) {
                throw new IllegalArgumentException("the hash lacks field '" + (value == null ? VALUE_FIELD : OFFSET_FIELD) + "'");
            }
            StoreCheckpoint checkpoint = StoreCheckpoint.fromBytes(value);
            if (!checkpoint.storeKey().equals(store.wireKey())
                    || checkpoint.nextOffset() != Long.parseLong(new String(offset, StandardCharsets.US_ASCII))) {
                throw new IllegalArgumentException("it holds store " + checkpoint.storeKey() + " at offset "
                        + checkpoint.nextOffset() + " under offset field '" + new String(offset, StandardCharsets.US_ASCII) + "'");
            }
            return Optional.of(checkpoint);
        } catch (IllegalArgumentException e) {
            throw new UnreadableCheckpointException(store, "Redis key " + key(store), e);
        }
    }

    @Override
    public List<StoreKey> stores() {
        List<StoreKey> stores = new ArrayList<>();
        ScanArgs match = ScanArgs.Builder.matches("t:*" + INFIX + "*" + SUFFIX).limit(500);
        try {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = commands().scan(cursor, match);
                for (String key : page.getKeys()) {
                    parse(key).ifPresent(stores::add);
                }
                cursor = page;
            } while (!cursor.isFinished());
        } catch (RedisException e) {
            throw new CheckpointStoreUnavailableException("cannot list the store checkpoints in Redis: " + e, e);
        }
        return stores;
    }

    /** The store of a checkpoint key; tenant ids hold no colon, so the first {@code :store:} ends the tenant. */
    private static Optional<StoreKey> parse(String key) {
        int infix = key.indexOf(INFIX);
        if (!key.startsWith("t:") || infix < 0 || !key.endsWith(SUFFIX) || infix + INFIX.length() > key.length() - SUFFIX.length()) {
            return Optional.empty();
        }
        return StoreKey.parseWireKey(key.substring(2, infix) + ":" + key.substring(infix + INFIX.length(),
                key.length() - SUFFIX.length()));
    }

    private RedisCommands<String, byte[]> commands() {
        return redis.bytes().sync();
    }
}
