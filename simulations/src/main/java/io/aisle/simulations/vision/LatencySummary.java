package io.aisle.simulations.vision;

/**
 * Batch-1 latency of the recognizer, in milliseconds, over {@code samples} calls measured in one
 * loop: end to end ({@code classify} on PNG bytes: decode, resize, predict, renormalise) and the
 * model alone (predict on an already decoded image).
 */
public record LatencySummary(int samples, double p50Millis, double p99Millis, double modelOnlyP50Millis,
        double modelOnlyP99Millis) {
}
