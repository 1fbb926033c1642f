package io.aisle.serving.quota;

import io.aisle.serving.tenancy.TenantId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Caps the requests of one tenant in flight at once, so one tenant's flood cannot take every
 * event-loop slot and worker from the others. Non-blocking: a full bulkhead refuses at once.
 */
public final class TenantBulkhead {

    private final int maxConcurrent;
    private final ConcurrentHashMap<TenantId, Semaphore> permits = new ConcurrentHashMap<>();

    public TenantBulkhead(int maxConcurrent) {
        if (maxConcurrent <= 0) {
            throw new IllegalArgumentException("maxConcurrent must be > 0 but was " + maxConcurrent);
        }
        this.maxConcurrent = maxConcurrent;
    }

    /** Takes a slot; the caller must {@link #release} it exactly once when this returns true. */
    public boolean tryEnter(TenantId tenant) {
        return permits.computeIfAbsent(tenant, key -> new Semaphore(maxConcurrent)).tryAcquire();
    }

    public void release(TenantId tenant) {
        permits.get(tenant).release();
    }
}
