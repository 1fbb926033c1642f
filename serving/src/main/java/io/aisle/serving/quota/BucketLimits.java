package io.aisle.serving.quota;

import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/** The Bucket4j configuration of one tenant-and-role bucket: {@code burst} tokens, refilled at {@code ratePerSecond}. */
public final class BucketLimits {

    private BucketLimits() {
    }

    public static BucketConfiguration of(long ratePerSecond, long burst) {
        if (ratePerSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("quota rate and burst must be > 0 but were " + ratePerSecond + " and " + burst);
        }
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(ratePerSecond, Duration.ofSeconds(1)))
                .build();
    }
}
