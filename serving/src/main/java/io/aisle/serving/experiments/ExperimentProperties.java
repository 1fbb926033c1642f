package io.aisle.serving.experiments;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code aisle.experiment.*} settings.
 *
 * @param attributionWindow an event counts for an impression when it arrives at most this long after the
 *     recommendation was served
 * @param maxLiveImpressionsPerTenant impressions of one tenant kept for attribution at once; past it the oldest go
 *     early (counted by {@code aisle.experiment.impressions.evicted}), so memory stays bounded under any traffic
 */
@ConfigurationProperties("aisle.experiment")
public record ExperimentProperties(
        @DefaultValue("1h") Duration attributionWindow,
        @DefaultValue("50000") int maxLiveImpressionsPerTenant) {

    public ExperimentProperties {
        if (attributionWindow.isNegative() || attributionWindow.isZero()) {
            throw new IllegalArgumentException("aisle.experiment.attribution-window must be > 0 but was " + attributionWindow);
        }
        if (maxLiveImpressionsPerTenant < 1) {
            throw new IllegalArgumentException("aisle.experiment.max-live-impressions-per-tenant must be >= 1 but was "
                    + maxLiveImpressionsPerTenant);
        }
    }
}
