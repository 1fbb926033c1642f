package io.aisle.serving.store;

import java.util.List;
import java.util.Optional;

/** Where store checkpoints are kept, one per store, the latest winning. Implementations are thread-safe. */
public interface CheckpointStore {

    /** Replaces the store's checkpoint, atomically: a reader sees the old one or the new one, whole. */
    void save(StoreKey key, StoreCheckpoint checkpoint);

    Optional<StoreCheckpoint> find(StoreKey key);

    /** Every store that has a checkpoint. */
    List<StoreKey> stores();
}
