package io.aisle.fusion.time;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Estimates the residual clock skew between the shopper-observation stream and the shelf stream
 * as the median, over recent confidently attributed weight events, of (time the hand was deepest
 * in the plate) minus (middle of the weight change). The hand is in the plate a little before the
 * weight moves, so with aligned clocks the figure is a small constant of the shoppers' motion
 * (a few hundred ms, negative); a camera clock running 300 ms ahead moves it by +300 ms.
 *
 * <p>Not thread-safe: owned by the fusion engine.
 */
public final class SkewEstimator implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SAMPLES = 64;

    private final long[] offsets = new long[SAMPLES];
    private int count;
    private int next;

    public void add(long offsetMillis) {
        offsets[next] = offsetMillis;
        next = (next + 1) % SAMPLES;
        count = Math.min(count + 1, SAMPLES);
    }

    /** Median of the recent offsets in milliseconds; 0 before the first one. */
    public long estimateMillis() {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(offsets, count);
        Arrays.sort(sorted);
        return sorted[count / 2];
    }

    public int sampleCount() {
        return count;
    }
}
