package io.aisle.serving.security;

import io.aisle.serving.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * The embedded {@link ReplayGuard}: a concurrent map of signature to expiry. Expired entries are
 * swept at most once a second, so the O(entries) sweep costs each request O(1) amortised even
 * at thousands of requests a second.
 */
public final class InMemoryReplayGuard implements ReplayGuard {

    private static final long SWEEP_INTERVAL_MILLIS = 1_000;

    private final ConcurrentHashMap<String, Long> expiryMillisBySignature = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicLong nextSweepMillis = new AtomicLong();

    public InMemoryReplayGuard(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Mono<Boolean> firstSighting(TenantId tenant, String signature, Duration ttl) {
        return Mono.just(firstSightingNow(tenant, signature, ttl));
    }

    boolean firstSightingNow(TenantId tenant, String signature, Duration ttl) {
        long now = clock.millis();
        long sweepAt = nextSweepMillis.get();
        if (now >= sweepAt && nextSweepMillis.compareAndSet(sweepAt, now + SWEEP_INTERVAL_MILLIS)) {
            expiryMillisBySignature.values().removeIf(expiry -> expiry <= now);
        }
        boolean[] first = {false};
        expiryMillisBySignature.compute(tenant.value() + ':' + signature, (key, expiry) -> {
            if (expiry == null || expiry <= now) {
                first[0] = true;
                return now + ttl.toMillis();
            }
            return expiry;
        });
        return first[0];
    }
}
