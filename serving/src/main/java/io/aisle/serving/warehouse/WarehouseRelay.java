package io.aisle.serving.warehouse;

/**
 * Carries the calls of replicas that do not own a warehouse to the replica that does, and that replica's answers
 * back. Thread-safe.
 */
public interface WarehouseRelay {

    /** The warehouse as seen from a replica that does not own it: every call goes to the current owner. */
    WarehouseDispatch remote(WarehouseKey key);

    /** This replica owns the warehouse now: answer the calls relayed to it with {@code owner}. */
    void serve(WarehouseKey key, WarehouseDispatch owner);

    /** This replica no longer owns the warehouse. */
    void stopServing(WarehouseKey key);
}
