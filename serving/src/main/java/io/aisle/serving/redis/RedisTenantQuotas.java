package io.aisle.serving.redis;

import io.aisle.serving.quota.QuotaDecision;
import io.aisle.serving.quota.TenantQuotas;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantId;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Token buckets shared by every replica (Bucket4j's Lettuce compare-and-swap backend), under
 * {@code t:{tenant}:quota:{role}}. While Redis is down each replica enforces the same limits
 * locally through the fallback, so a tenant cannot exceed its quota on any one node.
 */
public final class RedisTenantQuotas implements TenantQuotas {

    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    private final TenantQuotas fallback;
    /**
     * One proxy per bucket, built with Bucket4j's batching optimisation: concurrent requests for the same
     * bucket are combined into one compare-and-swap, where each would otherwise race the others on the
     * same key and retry (every request of a busy tenant and role hits one key). Exact, not approximate.
     */
    private final ConcurrentHashMap<String, Bucket> proxies = new ConcurrentHashMap<>();

    public RedisTenantQuotas(RedisConnections redis, BucketConfiguration configuration, TenantQuotas fallback) {
        this.buckets = Bucket4jLettuce.casBasedBuilder(redis.bytes())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        this.configuration = configuration;
        this.fallback = fallback;
    }

    @Override
    public Mono<QuotaDecision> tryConsume(TenantId tenant, Role role) {
        String key = RedisConnections.key(tenant.value(), "quota:" + role.wireName());
        // Bucket4j's compare-and-swap retries issue the next command from the completion of the last.
        // With the async API that runs on Lettuce's event loop, which can spin there while the
        // connection reconnects or closes; the blocking API keeps the loop on a worker thread.
        Bucket bucket = proxies.computeIfAbsent(key,
                k -> buckets.builder().withOptimization(Optimizations.batching()).build(k, () -> configuration));
        return Mono.fromCallable(() -> bucket.tryConsumeAndReturnRemaining(1))
                .subscribeOn(Schedulers.boundedElastic())
                .map(probe -> probe.isConsumed() ? QuotaDecision.ALLOWED
                        : QuotaDecision.rejected(Duration.ofNanos(probe.getNanosToWaitForRefill())))
                .timeout(RedisConnections.COMMAND_TIMEOUT.multipliedBy(2))
                .onErrorResume(failure -> fallback.tryConsume(tenant, role));
    }
}
