package io.aisle.serving.warehouse;

/**
 * This replica does not run the warehouse's dispatcher and could not reach the one that does (the lease is moving
 * between replicas, or the owner did not answer in time). A retry a moment later may succeed.
 */
public final class WarehouseOwnedElsewhereException extends RuntimeException {

    public WarehouseOwnedElsewhereException(String message) {
        super(message, null, false, false);
    }
}
