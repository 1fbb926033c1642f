package io.aisle.serving.security;

import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantId;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * The gate's two shared checks of a verified request, as one call so that a shared store answers both in one
 * round trip: take a token from the tenant's bucket for the role and, only when one was there, record the
 * signature. Over quota the signature is not recorded (the client may send it again once refilled); a replay
 * has used its token.
 */
public interface RequestAdmission {

    /**
     * How often a retry-safe request may come again, each time to another replica than the last one that took it:
     * HAProxy's {@code retries} of the scale-out bed, each sent elsewhere ({@code option redispatch 1}).
     */
    int RETRIES_ACROSS_REPLICAS = 3;

    /**
     * @param nonceTtl how long the signature is remembered (a signature stays valid for the clock skew on either side)
     * @param retrySafe the request changes nothing when repeated (GET, or a signed {@code Idempotency-Key}): a shared
     *                  store may then admit it again on another replica than the one that took it, at most
     *                  {@link #RETRIES_ACROSS_REPLICAS} times, because that is what a load balancer's retry of a
     *                  request whose replica died before answering looks like. A repeat on the same replica, or of
     *                  any other request, is a replay.
     */
    Mono<Admission> admit(TenantId tenant, Role role, String signature, Duration nonceTtl, boolean retrySafe);

    /** A request that may not be repeated at all. */
    default Mono<Admission> admit(TenantId tenant, Role role, String signature, Duration nonceTtl) {
        return admit(tenant, role, signature, nonceTtl, false);
    }
}
