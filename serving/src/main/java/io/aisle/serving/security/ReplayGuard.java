package io.aisle.serving.security;

import io.aisle.serving.tenancy.TenantId;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** Remembers request signatures for a while, so a captured request cannot be sent twice. */
public interface ReplayGuard {

    /**
     * Records the signature; emits true the first time, false when it was seen within {@code ttl}.
     * Atomic: of two concurrent calls with one signature, exactly one gets true.
     */
    Mono<Boolean> firstSighting(TenantId tenant, String signature, Duration ttl);
}
