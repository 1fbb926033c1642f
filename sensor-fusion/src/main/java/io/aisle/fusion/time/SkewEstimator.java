package io.aisle.fusion.time;

import io.aisle.vision.snapshot.SnapshotCodec;
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
public final class SkewEstimator {

    private static final int SAMPLES = 64;

    /** The ring of recent offsets as stored (64 longs), count, next. */
    public static final SnapshotCodec<SkewEstimator> CODEC = SnapshotCodec.of(
            (s, out) -> out.writeLongs(s.offsets).writeInt(s.count).writeInt(s.next), in -> {
                SkewEstimator s = new SkewEstimator();
                long[] offsets = in.readLongs();
                s.count = in.readInt();
                s.next = in.readInt();
                if (offsets.length != SAMPLES || s.count < 0 || s.count > SAMPLES || s.next < 0 || s.next >= SAMPLES) {
                    throw in.corrupt("skew ring of " + offsets.length + " with count " + s.count + ", next " + s.next);
                }
                System.arraycopy(offsets, 0, s.offsets, 0, SAMPLES);
                return s;
            });

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
