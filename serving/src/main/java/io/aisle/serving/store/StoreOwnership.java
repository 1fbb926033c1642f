package io.aisle.serving.store;

import io.aisle.fusion.engine.FusionSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which stores a consumer of the store stream owns, and what to do with each of their records:
 * the decision of a store worker, without its transport. A record of an owned store at or past
 * the store's next offset is applied; one below it was applied before the checkpoint it resumed
 * from; a store whose checkpoint was refused has its records held back (and the partition's
 * commit stays before the first of them); a store nobody registered is skipped.
 *
 * <p>A store is taken the first time one of its records is decided (or when its partition is
 * assigned and it has a checkpoint): from its checkpoint when there is one, otherwise afresh.
 *
 * <p>Not thread-safe: only the worker thread that polls the partitions touches it.
 */
public final class StoreOwnership {

    private static final Logger log = LoggerFactory.getLogger(StoreOwnership.class);

    /** What to do with one record of the store stream. */
    public sealed interface Verdict {
    }

    /** Apply the record to this store's processor, then report it with {@link #applied}. */
    public record Apply(OwnedStore store) implements Verdict {
    }

    /** The record is below the store's checkpointed offset: its effect is in the restored state already. */
    public record AlreadyApplied(StoreKey key, long nextOffset) implements Verdict {
    }

    /** The store's checkpoint was refused; its records wait until it is repaired or deleted. */
    public record HeldBack(StoreKey key, String reason) implements Verdict {
    }

    /** No store of this key is registered. */
    public record Unregistered(StoreKey key) implements Verdict {
    }

    /** A store this owner applies records to, and the offset of its next record in its partition. */
    public static final class OwnedStore {
        private RegisteredStore store;
        private final StoreProcessor processor;
        private final int partition;
        private long nextOffset;

        OwnedStore(RegisteredStore store, StoreProcessor processor, int partition, long nextOffset) {
            this.store = store;
            this.processor = processor;
            this.partition = partition;
            this.nextOffset = nextOffset;
        }

        public RegisteredStore store() {
            return store;
        }

        public StoreProcessor processor() {
            return processor;
        }

        public int partition() {
            return partition;
        }

        public long nextOffset() {
            return nextOffset;
        }
    }

    /** A store whose checkpoint was refused, and the first of its records held back since. */
    private static final class Refused {
        final int partition;
        final String reason;
        long heldFrom = Long.MAX_VALUE;

        Refused(int partition, String reason) {
            this.partition = partition;
            this.reason = reason;
        }
    }

    private final StoreRegistry registry;
    private final StoreFeeds feeds;
    private final CheckpointStore checkpoints;
    private final FusionSettings settings;
    private final TenantRecognizers recognizers;
    private final Map<StoreKey, OwnedStore> owned = new HashMap<>();
    private final Set<StoreKey> changed = new LinkedHashSet<>();
    private final Map<StoreKey, Refused> refused = new HashMap<>();

    public StoreOwnership(StoreRegistry registry, StoreFeeds feeds, CheckpointStore checkpoints,
            FusionSettings settings, TenantRecognizers recognizers) {
        this.registry = registry;
        this.feeds = feeds;
        this.checkpoints = checkpoints;
        this.settings = settings;
        this.recognizers = recognizers;
    }

    /**
     * Decides what to do with the record at {@code offset} of {@code partition} for store {@code key},
     * taking the store first if this owner does not hold it yet.
     *
     * @throws CheckpointStoreUnavailableException when the store's checkpoint could not be read yet:
     *     nothing is decided, ask again later
     */
    public Verdict decide(StoreKey key, int partition, long offset) {
        Refused refusal = refused.get(key);
        if (refusal != null) {
            refusal.heldFrom = Math.min(refusal.heldFrom, offset);
            return new HeldBack(key, refusal.reason);
        }
        OwnedStore store = owned.get(key);
        if (store == null) {
            Optional<OwnedStore> taken = take(key, partition);
            if (taken.isEmpty()) {
                refusal = refused.get(key);
                if (refusal != null) {
                    refusal.heldFrom = offset;
                    return new HeldBack(key, refusal.reason);
                }
                return new Unregistered(key);
            }
            store = taken.get();
        }
        if (offset < store.nextOffset) {
            return new AlreadyApplied(key, store.nextOffset);
        }
        if (store.store.cameras().isEmpty()) {
            // Cameras registered through another replica sharing the home reach this one on disk only; once a store
            // has cameras they never change, so a store that has them is not read again.
            store.store = registry.find(key).orElse(store.store);
        }
        return new Apply(store);
    }

    /** The record at {@code offset} was applied to (or, failing, left out of) the store: its next record follows it. */
    public void applied(OwnedStore store, long offset) {
        store.nextOffset = offset + 1;
        changed.add(store.store.key());
    }

    /**
     * Starts owning a store: from its checkpoint when there is one, otherwise afresh. Empty when
     * the store is not registered, or its checkpoint is refused (its records are held back from then on).
     *
     * @throws CheckpointStoreUnavailableException when the checkpoint could not be read
     */
    public Optional<OwnedStore> take(StoreKey key, int partition) {
        OwnedStore already = owned.get(key);
        if (already != null || refused.containsKey(key)) {
            return Optional.ofNullable(already);
        }
        Optional<RegisteredStore> registered = registry.find(key);
        if (registered.isEmpty()) {
            return Optional.empty();
        }
        RegisteredStore store = registered.get();
        StoreFeed feed = feeds.feed(key);
        StoreProcessor processor = new StoreProcessor(store, settings, feed, recognizers);
        Optional<StoreCheckpoint> checkpoint;
        try {
            checkpoint = checkpoints.find(key);
            if (checkpoint.isPresent()) {
                processor.restore(store, checkpoint.get());
            }
        } catch (UnreadableCheckpointException | IllegalArgumentException e) {
            log.error("store {} is stopped and its records are held back until its checkpoint is repaired or deleted: {}",
                    key, e.getMessage());
            refused.put(key, new Refused(partition, e.getMessage()));
            return Optional.empty();
        }
        long nextOffset = 0;
        if (checkpoint.isPresent()) {
            nextOffset = checkpoint.get().nextOffset();
        } else {
            // What this process may have shown of the store came from a previous owner's records that will be applied again.
            feed.resetTo(new StoreFeed.State(1, List.of(), Map.of()));
        }
        OwnedStore owner = new OwnedStore(store, processor, partition, nextOffset);
        owned.put(key, owner);
        // The scale-out bed reads who owned a store when from these two lines.
        log.info("store {} runs on this replica now, partition {} from offset {}", key, partition, nextOffset);
        return Optional.of(owner);
    }

    /** Whether a store is owned here or refused here. */
    public boolean knows(StoreKey key) {
        return owned.containsKey(key) || refused.containsKey(key);
    }

    /** Whether any owned store changed since its last checkpoint. */
    public boolean hasChanges() {
        return !changed.isEmpty();
    }

    /** The owned stores of these partitions that changed since their last checkpoint, in the order they changed. */
    public List<OwnedStore> changedIn(Set<Integer> partitions) {
        List<OwnedStore> found = new ArrayList<>();
        for (StoreKey key : changed) {
            OwnedStore store = owned.get(key);
            if (store != null && partitions.contains(store.partition)) {
                found.add(store);
            }
        }
        return found;
    }

    /** The store's checkpoint was saved: it has no changes until its next record. */
    public void checkpointed(OwnedStore store) {
        changed.remove(store.store.key());
    }

    /**
     * The offset a partition may commit: its consumer's {@code position}, or the first record held
     * back of one of its refused stores when that is earlier.
     */
    public long committableOffset(int partition, long position) {
        long offset = position;
        for (Refused refusal : refused.values()) {
            if (refusal.partition == partition) {
                offset = Math.min(offset, refusal.heldFrom);
            }
        }
        return offset;
    }

    /** Stores whose checkpoint was refused, with why. */
    public Map<StoreKey, String> refusedStores() {
        Map<StoreKey, String> reasons = new HashMap<>();
        refused.forEach((key, refusal) -> reasons.put(key, refusal.reason));
        return Map.copyOf(reasons);
    }

    /**
     * Lets go of every store of these partitions (owned or refused), their changes included: a new
     * owner resumes them from their checkpoints.
     *
     * @return the stores let go that were owned
     */
    public List<OwnedStore> release(Set<Integer> partitions) {
        List<OwnedStore> released = new ArrayList<>();
        owned.values().removeIf(store -> {
            if (partitions.contains(store.partition)) {
                released.add(store);
                log.info("store {} stops running on this replica", store.store.key());
                return true;
            }
            return false;
        });
        changed.removeIf(key -> !owned.containsKey(key));
        refused.values().removeIf(refusal -> partitions.contains(refusal.partition));
        return released;
    }
}
