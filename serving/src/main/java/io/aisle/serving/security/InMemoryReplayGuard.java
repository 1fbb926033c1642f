package io.aisle.serving.security;

import io.aisle.serving.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/** The embedded {@link ReplayGuard}: a concurrent map of signature to expiry, swept as it grows. */
public final class InMemoryReplayGuard implements ReplayGuard {

    private static final int SWEEP_EVERY = 10_000;

    private final ConcurrentHashMap<String, Long> expiryMillisBySignature = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryReplayGuard(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Mono<Boolean> firstSighting(TenantId tenant, String signature, Duration ttl) {
        return Mono.just(firstSightingNow(tenant, signature, ttl));
    }

    boolean firstSightingNow(TenantId tenant, String signature, Duration ttl) {
        long now = clock.millis();
        if (expiryMillisBySignature.size() >= SWEEP_EVERY) {
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
