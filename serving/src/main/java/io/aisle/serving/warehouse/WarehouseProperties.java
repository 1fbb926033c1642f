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
 * @param checkpointEveryTicks how many ticks apart every warehouse's dispatcher state is written (it is also
 *     written on a graceful shutdown and, with Redis, after every accepted order and changed cell); a crash loses
 *     at most this many ticks
 * @param leaseTtl with Redis: a replica that stops renewing a warehouse's lease loses it this long after its last
 *     renewal, and another replica takes the warehouse over
 * @param leaseRenewEvery how often leases are renewed, free ones tried and registrations rescanned; at most half of
 *     {@code leaseTtl}
 * @param relayTimeout with Redis: how long a replica waits for the owner's answer to a relayed call before it
 *     answers 503
 */
@ConfigurationProperties("aisle.warehouses")
public record WarehouseProperties(
        @DefaultValue("500ms") Duration tick,
        @DefaultValue("200ms") Duration planBudget,
        @DefaultValue("3s") Duration telemetryTimeout,
        @DefaultValue("25s") Duration maxWait,
        @DefaultValue("100ms") Duration pollInterval,
        @DefaultValue("20") int checkpointEveryTicks,
        @DefaultValue("2500ms") Duration leaseTtl,
        @DefaultValue("500ms") Duration leaseRenewEvery,
        @DefaultValue("2s") Duration relayTimeout) {

    public WarehouseProperties {
        requirePositive("tick", tick);
        requirePositive("plan-budget", planBudget);
        requirePositive("telemetry-timeout", telemetryTimeout);
        requirePositive("max-wait", maxWait);
        requirePositive("poll-interval", pollInterval);
        requirePositive("lease-ttl", leaseTtl);
        requirePositive("lease-renew-every", leaseRenewEvery);
        requirePositive("relay-timeout", relayTimeout);
        if (checkpointEveryTicks < 1) {
            throw new IllegalArgumentException("aisle.warehouses.checkpoint-every-ticks must be >= 1 but was "
                    + checkpointEveryTicks);
        }
        if (leaseRenewEvery.multipliedBy(2).compareTo(leaseTtl) > 0) {
            throw new IllegalArgumentException("aisle.warehouses.lease-renew-every must be at most half of lease-ttl ("
                    + leaseTtl + ") but was " + leaseRenewEvery);
        }
    }

    /** How long after sending a renewal a replica still acts as the owner: a full renewal period before the lapse. */
    public Duration leaseValidity() {
        return leaseTtl.minus(leaseRenewEvery);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.toMillis() < 1) {
            throw new IllegalArgumentException("aisle.warehouses." + name + " must be >= 1 ms but was " + value);
        }
    }
}
