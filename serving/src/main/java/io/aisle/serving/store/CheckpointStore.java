package io.aisle.serving.store;

import java.util.List;
import java.util.Optional;

/**
 * Where store checkpoints are kept, one per store, the latest winning. Implementations are
 * thread-safe. Failures are split by whether a retry can help:
 * {@link CheckpointStoreUnavailableException} (the store is unreachable) or
 * {@link UnreadableCheckpointException} (what is stored can never be restored).
 */
public interface CheckpointStore {

    /**
     * Replaces the store's checkpoint, atomically: a reader sees the old one or the new one, whole.
     *
     * @throws CheckpointStoreUnavailableException when it could not be written; the old one stays
     */
    void save(StoreKey key, StoreCheckpoint checkpoint);

    /**
     * @throws UnreadableCheckpointException when a value is stored but is not a checkpoint of this store
     * @throws CheckpointStoreUnavailableException when the store could not be read
     */
    Optional<StoreCheckpoint> find(StoreKey key);

    /**
     * Every store that has a checkpoint.
     *
     * @throws CheckpointStoreUnavailableException when the store could not be listed
     */
    List<StoreKey> stores();
}
