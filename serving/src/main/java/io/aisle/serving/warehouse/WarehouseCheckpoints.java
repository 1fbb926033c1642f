package io.aisle.serving.warehouse;

import io.aisle.robotics.dispatch.DispatcherCheckpoint;
import java.util.Optional;

/**
 * Where a warehouse's dispatcher checkpoint lives, so that its next owner (this server after a restart, or another
 * replica after a takeover) resumes from it. Thread-safe; blocks on the disk or the network.
 */
public interface WarehouseCheckpoints {

    /**
     * Writes the checkpoint of the lease holder with fencing token {@code fence}.
     *
     * @throws FencedOutException when a holder with a later token has taken the warehouse
     * @throws WarehouseLeases.WarehouseLeaseUnavailableException when the store cannot be reached
     */
    void save(WarehouseKey key, long fence, DispatcherCheckpoint checkpoint);

    /**
     * The last checkpoint written.
     *
     * @throws IllegalArgumentException naming where it lives when it is not a checkpoint
     * @throws WarehouseLeases.WarehouseLeaseUnavailableException when the store cannot be reached
     */
    Optional<DispatcherCheckpoint> find(WarehouseKey key);

    /** Keeps an unusable checkpoint aside (for a person to look at) so the warehouse can start empty. */
    void setAside(WarehouseKey key);

    /** A checkpoint write of a holder that lost its lease to a later one. */
    final class FencedOutException extends RuntimeException {
        public FencedOutException(String message) {
            super(message);
        }
    }
}
