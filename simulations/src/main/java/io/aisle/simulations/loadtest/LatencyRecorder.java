package io.aisle.simulations.loadtest;

import java.util.Arrays;
import java.util.List;

/**
 * Every latency of one endpoint seen by one worker, kept exactly (no histogram buckets) so the
 * percentiles are the observed values.
 *
 * <p>Not thread-safe: one owner thread records; {@link #merge} runs after the workers have stopped.
 */
final class LatencyRecorder {

    private long[] nanos = new long[1 << 12];
    private int count;
    private long errors;
    private String firstError;

    void record(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    void recordError(String description) {
        if (errors++ == 0) {
            firstError = description;
        }
    }

    int count() {
        return count;
    }

    /** Summary of several workers' recordings over {@code elapsedNanos} of wall-clock time. */
    static LatencySummary merge(List<LatencyRecorder> recorders, long elapsedNanos) {
        int total = 0;
        long errors = 0;
        String firstError = null;
        for (LatencyRecorder recorder : recorders) {
            total += recorder.count;
            errors += recorder.errors;
            if (firstError == null) {
                firstError = recorder.firstError;
            }
        }
        long[] all = new long[total];
        int at = 0;
        for (LatencyRecorder recorder : recorders) {
            System.arraycopy(recorder.nanos, 0, all, at, recorder.count);
            at += recorder.count;
        }
        Arrays.sort(all);
        double seconds = elapsedNanos / 1e9;
        return new LatencySummary(total, errors, seconds, total / seconds, millis(all, 0.50), millis(all, 0.99),
                millis(all, 0.999), total == 0 ? Double.NaN : all[total - 1] / 1e6, firstError);
    }

    /** Nearest-rank percentile: the smallest value with at least {@code q} of the values at or below it. */
    static double millis(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
