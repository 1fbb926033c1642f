package io.aisle.serving.redis;

import io.aisle.serving.security.ReplayGuard;
import io.aisle.serving.tenancy.TenantId;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Replay nonces shared by every replica: {@code SET t:{tenant}:nonce:{signature} 1 NX EX ttl}.
 * While Redis is down, each replica remembers signatures itself (the fallback), which still
 * refuses a replay to the same replica.
 */
public final class RedisReplayGuard implements ReplayGuard {

    private static final Logger log = LoggerFactory.getLogger(RedisReplayGuard.class);

    private final RedisConnections redis;
    private final ReplayGuard fallback;

    public RedisReplayGuard(RedisConnections redis, ReplayGuard fallback) {
        this.redis = redis;
        this.fallback = fallback;
    }

    @Override
    public Mono<Boolean> firstSighting(TenantId tenant, String signature, Duration ttl) {
        return redis.strings().reactive()
                .set(RedisConnections.key(tenant.value(), "nonce:" + signature), "1", SetArgs.Builder.nx().ex(ttl))
                .map("OK"::equals)
                .defaultIfEmpty(false)
                .timeout(RedisConnections.COMMAND_TIMEOUT)
                .onErrorResume(failure -> {
                    log.debug("replay guard falls back to memory: {}", failure.toString());
                    return fallback.firstSighting(tenant, signature, ttl);
                });
    }
}
