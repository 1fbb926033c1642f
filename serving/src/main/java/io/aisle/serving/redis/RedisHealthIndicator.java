package io.aisle.serving.redis;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * The {@code redis} part of {@code /actuator/health/readiness}. With {@code aisle.redis-required} a replica
 * whose Redis does not answer a PING within {@link RedisConnections#COMMAND_TIMEOUT} is DOWN, so the load
 * balancer stops sending to it; otherwise it stays UP and says so, since every Redis adapter falls back to
 * this replica's memory while Redis is away.
 */
public final class RedisHealthIndicator implements ReactiveHealthIndicator {

    private final RedisConnections redis;
    private final boolean required;

    public RedisHealthIndicator(RedisConnections redis, boolean required) {
        this.redis = redis;
        this.required = required;
    }

    @Override
    public Mono<Health> health() {
        return redis.strings().reactive().ping()
                .timeout(RedisConnections.COMMAND_TIMEOUT)
                .map(pong -> Health.up().withDetail("required", required).build())
                .onErrorResume(failure -> Mono.just((required ? Health.down() : Health.up())
                        .withDetail("required", required)
                        .withDetail("reachable", false)
                        .withDetail("reason", String.valueOf(failure.getMessage()))
                        .build()));
    }
}
