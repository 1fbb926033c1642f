package io.aisle.training.evaluation;

import java.io.Serializable;

/**
 * A seeded random split that depends only on the seed and a key (a basket or a user-event id), never on
 * partitioning or order, so Spark executors and the driver agree and reruns repeat exactly.
 */
public record SeededSplit(long seed, double testShare) implements Serializable {

    public SeededSplit {
        if (!(testShare > 0 && testShare < 1)) {
            throw new IllegalArgumentException("testShare must be in (0, 1) but was " + testShare);
        }
    }

    public boolean isTest(String key) {
        return unit(seed, key) < testShare;
    }

    /** A uniform double in [0, 1) from the seed and the key (SplitMix64 finaliser over both). */
    static double unit(long seed, String key) {
        long z = seed * 0x9E3779B97F4A7C15L + key.hashCode() * 0xBF58476D1CE4E5B9L + key.length();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
