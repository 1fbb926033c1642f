package io.aisle.serving.quota;

import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantId;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/** In-process buckets (Bucket4j, lock-free): the embedded default, and the fallback when Redis is down. */
public final class LocalTenantQuotas implements TenantQuotas {

    private final BucketConfiguration configuration;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public LocalTenantQuotas(long ratePerSecond, long burst) {
        this.configuration = BucketLimits.of(ratePerSecond, burst);
    }

    @Override
    public Mono<QuotaDecision> tryConsume(TenantId tenant, Role role) {
        return Mono.just(consumeNow(tenant, role));
    }

    QuotaDecision consumeNow(TenantId tenant, Role role) {
        Bucket bucket = buckets.computeIfAbsent(tenant.value() + ":" + role.wireName(),
                key -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? QuotaDecision.ALLOWED : QuotaDecision.rejected(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
