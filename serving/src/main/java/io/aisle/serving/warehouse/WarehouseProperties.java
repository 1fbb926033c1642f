package io.aisle.serving.warehouse;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code aisle.warehouses.*} settings.
 *
 * @param tick period of the dispatcher tick, the same for every warehouse of this server
 * @param planBudget planning budget of one tick of one warehouse
 * @param telemetryTimeout a robot silent for longer than this is faulted
 * @param maxWait the longest {@code waitMillis} of a command long-poll
 * @param pollInterval how often a waiting long-poll or command stream asks the dispatcher again, besides when a
 *     tick plans its robot a command
 */
@ConfigurationProperties("aisle.warehouses")
public record WarehouseProperties(
        @DefaultValue("500ms") Duration tick,
        @DefaultValue("200ms") Duration planBudget,
        @DefaultValue("3s") Duration telemetryTimeout,
        @DefaultValue("25s") Duration maxWait,
        @DefaultValue("100ms") Duration pollInterval) {

    public WarehouseProperties {
        requirePositive("tick", tick);
        requirePositive("plan-budget", planBudget);
        requirePositive("telemetry-timeout", telemetryTimeout);
        requirePositive("max-wait", maxWait);
        requirePositive("poll-interval", pollInterval);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.toMillis() < 1) {
            throw new IllegalArgumentException("aisle.warehouses." + name + " must be >= 1 ms but was " + value);
        }
    }
}
