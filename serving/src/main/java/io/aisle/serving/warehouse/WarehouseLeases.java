package io.aisle.serving.warehouse;

import java.util.OptionalLong;

/**
 * Who may run a warehouse's dispatcher: at most one holder of a lease at a time, each acquisition with a fencing
 * token larger than every earlier one, so a store can refuse a write of a holder that lost its lease without
 * noticing. A lease lapses {@link WarehouseProperties#leaseTtl()} after it was last acquired or renewed.
 * Implementations are thread-safe and block for at most a few hundred milliseconds.
 */
public interface WarehouseLeases {

    /**
     * Takes the lease when nobody holds it.
     *
     * @return the fencing token of the new lease, or empty when another holder has it
     * @throws WarehouseLeaseUnavailableException when it cannot be told who holds it (retry later)
     */
    OptionalLong acquire(WarehouseKey key);

    /**
     * Extends the lease this holder took with {@code fence}.
     *
     * @return false when the lease is no longer this holder's (it lapsed, perhaps to another)
     * @throws WarehouseLeaseUnavailableException when it cannot be told (the lease is neither extended nor lost)
     */
    boolean renew(WarehouseKey key, long fence);

    /** Gives the lease up so another may take it at once; does nothing when it is no longer this holder's. */
    void release(WarehouseKey key, long fence);

    /** Leases, checkpoints or relayed calls cannot be reached right now; a retry may succeed. */
    final class WarehouseLeaseUnavailableException extends RuntimeException {
        public WarehouseLeaseUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
