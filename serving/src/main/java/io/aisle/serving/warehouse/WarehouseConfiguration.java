package io.aisle.serving.warehouse;

import io.aisle.serving.config.AisleProperties;
import io.aisle.serving.idempotency.IdempotencyFilter;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The warehouse dispatch endpoints: registrations under {@code {aisle.home}/warehouses}, one dispatcher per
 * tenant and warehouse, all ticked by one {@link WarehouseTicker} thread every {@code aisle.warehouses.tick}, which
 * also checkpoints them every {@code aisle.warehouses.checkpoint-every-ticks} ticks and when the server stops.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WarehouseProperties.class)
public class WarehouseConfiguration {

    @Bean
    WarehouseRegistry warehouseRegistry(AisleProperties properties, WarehouseProperties warehouses) {
        // The dispatcher's telemetry timeout is measured against wall time, not the request clock.
        return new WarehouseRegistry(properties.home().resolve("warehouses"), warehouses, Clock.systemUTC());
    }

    @Bean
    WarehouseTicker warehouseTicker(WarehouseRegistry registry, WarehouseProperties warehouses) {
        return new WarehouseTicker(registry, warehouses.tick(), warehouses.checkpointEveryTicks());
    }

    @Bean
    RouterFunction<ServerResponse> warehouseRouter(WarehouseRegistry registry, WarehouseProperties warehouses,
            IdempotencyFilter idempotentWrites) {
        return new WarehouseHandler(registry, warehouses).routes(idempotentWrites).and(new WarehouseAdminHandler(registry).routes());
    }
}
