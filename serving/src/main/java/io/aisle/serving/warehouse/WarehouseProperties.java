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
 * @param checkpointEveryTicks how many ticks apart every warehouse's dispatcher state is written to disk (it is
 *     also written on a graceful shutdown); a crash loses at most this many ticks
 */
@ConfigurationProperties("aisle.warehouses")
public record WarehouseProperties(
        @DefaultValue("500ms") Duration tick,
        @DefaultValue("200ms") Duration planBudget,
        @DefaultValue("3s") Duration telemetryTimeout,
        @DefaultValue("25s") Duration maxWait,
        @DefaultValue("100ms") Duration pollInterval,
        @DefaultValue("20") int checkpointEveryTicks) {

    public WarehouseProperties {
        requirePositive("tick", tick);
        requirePositive("plan-budget", planBudget);
        requirePositive("telemetry-timeout", telemetryTimeout);
        requirePositive("max-wait", maxWait);
        requirePositive("poll-interval", pollInterval);
        if (checkpointEveryTicks < 1) {
            throw new IllegalArgumentException("aisle.warehouses.checkpoint-every-ticks must be >= 1 but was "
                    + checkpointEveryTicks);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.toMillis() < 1) {
            throw new IllegalArgumentException("aisle.warehouses." + name + " must be >= 1 ms but was " + value);
        }
    }
}
