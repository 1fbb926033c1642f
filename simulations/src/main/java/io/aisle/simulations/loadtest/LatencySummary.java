package io.aisle.simulations.loadtest;

/**
 * Successful requests of one phase and their latencies.
 *
 * @param requests successful (2xx) requests
 * @param errors non-2xx answers and transport failures (not in the latencies)
 * @param seconds wall-clock length of the phase
 * @param requestsPerSecond {@code requests / seconds}
 * @param firstError the first failure seen, or null
 */
public record LatencySummary(long requests, long errors, double seconds, double requestsPerSecond, double p50Millis,
                             double p99Millis, double p999Millis, double maxMillis, String firstError) {
}
