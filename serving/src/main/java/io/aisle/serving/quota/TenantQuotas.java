package io.aisle.serving.quota;

import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantId;
import reactor.core.publisher.Mono;

/** A token bucket per tenant and role. */
public interface TenantQuotas {

    /** Takes one token from the tenant's bucket for that role. */
    Mono<QuotaDecision> tryConsume(TenantId tenant, Role role);
}
