package io.aisle.serving.warehouse;

import io.aisle.serving.config.AisleProperties;
import io.aisle.serving.idempotency.IdempotencyFilter;
import io.aisle.serving.redis.RedisConnections;
import io.aisle.serving.redis.RedisWarehouseCheckpoints;
import io.aisle.serving.redis.RedisWarehouseLeases;
import io.aisle.serving.redis.RedisWarehouseRelay;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The warehouse dispatch endpoints: registrations under {@code {aisle.home}/warehouses} (shared by the replicas),
 * one dispatcher per tenant and warehouse on the replica holding its lease, all ticked by one
 * {@link WarehouseTicker} thread every {@code aisle.warehouses.tick}, which also checkpoints them every
 * {@code aisle.warehouses.checkpoint-every-ticks} ticks and when the server stops.
 *
 * <p>Embedded (no {@code aisle.redis-url}): this process owns every warehouse, checkpoints are
 * {@code state.json} files beside the registrations. With Redis: leases with fencing tokens in Redis decide the
 * owner, checkpoints live in Redis (fenced), and the other replicas relay their calls to the owner over Redis.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WarehouseProperties.class)
public class WarehouseConfiguration {

    /** Embedded mode: no other process can take a lease, so it never lapses. */
    private static final Duration EMBEDDED_LEASE_VALIDITY = Duration.ofDays(36_500);

    @Bean
    WarehouseRegistry warehouseRegistry(AisleProperties properties, WarehouseProperties warehouses) {
        // The dispatcher's telemetry timeout is measured against wall time, not the request clock.
        return new WarehouseRegistry(properties.home().resolve("warehouses"), warehouses, Clock.systemUTC());
    }

    @Bean
    WarehouseOwnership warehouseOwnership(AisleProperties properties, WarehouseProperties warehouses,
            WarehouseRegistry registry, ObjectProvider<RedisConnections> redis) {
        RedisConnections connections = redis.getIfAvailable();
        if (connections == null) {
            return new WarehouseOwnership(registry, new InProcessWarehouseLeases(),
                    new FileWarehouseCheckpoints(properties.home().resolve("warehouses")), Optional.empty(), warehouses,
                    EMBEDDED_LEASE_VALIDITY, Clock.systemUTC());
        }
        String replica = UUID.randomUUID().toString();
        return new WarehouseOwnership(registry, new RedisWarehouseLeases(connections, replica, warehouses.leaseTtl()),
                new RedisWarehouseCheckpoints(connections),
                Optional.of(new RedisWarehouseRelay(connections, replica, warehouses.relayTimeout())), warehouses,
                warehouses.leaseValidity(), Clock.systemUTC());
    }

    @Bean
    WarehouseTicker warehouseTicker(WarehouseOwnership ownership, WarehouseProperties warehouses) {
        return new WarehouseTicker(ownership, warehouses.tick(), warehouses.checkpointEveryTicks());
    }

    @Bean
    RouterFunction<ServerResponse> warehouseRouter(WarehouseRegistry registry, WarehouseOwnership ownership,
            WarehouseProperties warehouses, IdempotencyFilter idempotentWrites) {
        return new WarehouseHandler(registry, ownership, warehouses).routes(idempotentWrites)
                .and(new WarehouseAdminHandler(registry, ownership).routes());
    }
}
