package io.aisle.serving.security;

import io.aisle.serving.quota.TenantQuotas;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantId;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Admission from this process's own buckets and nonces: the embedded default, and the fallback while Redis is down.
 * One process is one replica, so every repeat is a replay here, retry-safe or not.
 */
public final class LocalRequestAdmission implements RequestAdmission {

    private final TenantQuotas quotas;
    private final ReplayGuard replayGuard;

    public LocalRequestAdmission(TenantQuotas quotas, ReplayGuard replayGuard) {
        this.quotas = quotas;
        this.replayGuard = replayGuard;
    }

    @Override
    public Mono<Admission> admit(TenantId tenant, Role role, String signature, Duration nonceTtl, boolean retrySafe) {
        return quotas.tryConsume(tenant, role)
                .flatMap(decision -> decision.allowed()
                        ? replayGuard.firstSighting(tenant, signature, nonceTtl).map(first -> first ? Admission.ADMITTED : Admission.REPLAYED)
                        : Mono.just(Admission.overQuota(decision.retryAfter())));
    }
}
