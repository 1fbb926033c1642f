package io.aisle.serving.warehouse;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Embedded mode: this process is the only one, so it always holds every lease. Tokens still grow with each
 * acquisition, as the contract asks.
 */
public final class InProcessWarehouseLeases implements WarehouseLeases {

    private final AtomicLong fences = new AtomicLong();

    @Override
    public OptionalLong acquire(WarehouseKey key) {
        return OptionalLong.of(fences.incrementAndGet());
    }

    @Override
    public boolean renew(WarehouseKey key, long fence) {
        return true;
    }

    @Override
    public void release(WarehouseKey key, long fence) {
    }
}
