package io.aisle.serving.recommendations;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * The {@code models} part of {@code /actuator/health/readiness}: DOWN until the approved models are loaded,
 * and while the model registry cannot be read, so that a load balancer sends this replica no traffic it
 * would answer with stale or missing models.
 */
public final class ModelsHealthIndicator implements ReactiveHealthIndicator {

    private final ModelReloader reloader;

    public ModelsHealthIndicator(ModelReloader reloader) {
        this.reloader = reloader;
    }

    @Override
    public Mono<Health> health() {
        if (reloader.isCurrent()) {
            return Mono.just(Health.up().build());
        }
        return Mono.just(Health.down()
                .withDetail("reason", reloader.lastFailure().orElse("the models are not loaded yet"))
                .build());
    }
}
