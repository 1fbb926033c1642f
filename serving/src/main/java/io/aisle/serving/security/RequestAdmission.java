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

    /** @param nonceTtl how long the signature is remembered (a signature stays valid for the clock skew on either side) */
    Mono<Admission> admit(TenantId tenant, Role role, String signature, Duration nonceTtl);
}
