package io.aisle.fusion.weight;

import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotReader;
import io.aisle.vision.snapshot.SnapshotWriter;
import java.util.Optional;

/**
 * Stable-state differencing for one plate's load cell.
 *
 * <p>While the plate is stable, a slow exponential average follows the level (absorbing drift)
 * and another estimates the sensor noise. Three consecutive samples further than the threshold
 * from that level open a change. The change closes once a full window of samples is quiet
 * again (its standard deviation close to the noise); the window's mean is the new level and the
 * difference of levels is the change. A touch or a lean that lets go before the plate settles
 * closes with a near-zero difference and is not reported.
 *
 * <p>Example at 60 Hz, noise 2 g, window 12: a 350 g item lifted over 250 ms opens a change at
 * the first sample more than 10 g below the level; 200 ms after the weight settles the window is
 * quiet and the change is reported as about -350 ± 0.8 g.
 *
 * <p>Not thread-safe: the engine calls it in event-time order for one plate.
 */
public final class PlateChangeDetector {

    /**
     * plateIndex, minChangeGrams, minNoiseVariance, maxNoiseVariance, window (doubles) and
     * windowTimes (longs) as stored (a ring; its sums run in slot order, so slots are kept),
     * windowCount, windowNext, initialised, level, noiseVariance, outliers, firstOutlierMillis,
     * changing, changeStartMillis, samplesSinceOpen.
     */
    public static final SnapshotCodec<PlateChangeDetector> CODEC = SnapshotCodec.of(PlateChangeDetector::write,
            PlateChangeDetector::read);
    private static final int OUTLIERS_TO_OPEN = 3;
    private static final double DRIFT_ALPHA = 0.005;
    private static final double NOISE_ALPHA = 0.01;
    private static final long MAX_CHANGE_MILLIS = 30_000;

    private final int plateIndex;
    private final double minChangeGrams;
    private final double minNoiseVariance;
    private final double maxNoiseVariance;
    private final double[] window;
    private final long[] windowTimes;
    private int windowCount;
    private int windowNext;

    private boolean initialised;
    private double level;
    private double noiseVariance;
    private int outliers;
    private long firstOutlierMillis;
    private boolean changing;
    private long changeStartMillis;
    private int samplesSinceOpen;

    /**
     * @param expectedNoiseGrams the initial noise estimate (standard deviation of one sample); the
     *     running estimate stays within half and twice this
     * @param minChangeGrams smaller settled differences are touches, not events
     * @param windowSamples how many quiet samples close a change
     */
    public PlateChangeDetector(int plateIndex, double expectedNoiseGrams, double minChangeGrams, int windowSamples) {
        if (!(expectedNoiseGrams > 0)) {
            throw new IllegalArgumentException("expectedNoiseGrams must be > 0 but was " + expectedNoiseGrams);
        }
        if (windowSamples < 4) {
            throw new IllegalArgumentException("windowSamples must be >= 4 but was " + windowSamples);
        }
        this.plateIndex = plateIndex;
        this.minChangeGrams = minChangeGrams;
        this.noiseVariance = expectedNoiseGrams * expectedNoiseGrams;
        this.minNoiseVariance = noiseVariance / 4;
        this.maxNoiseVariance = noiseVariance * 4;
        this.window = new double[windowSamples];
        this.windowTimes = new long[windowSamples];
    }

    private PlateChangeDetector(int plateIndex, double minChangeGrams, double minNoiseVariance,
                                double maxNoiseVariance, double[] window, long[] windowTimes) {
        this.plateIndex = plateIndex;
        this.minChangeGrams = minChangeGrams;
        this.minNoiseVariance = minNoiseVariance;
        this.maxNoiseVariance = maxNoiseVariance;
        this.window = window;
        this.windowTimes = windowTimes;
    }

    private void write(SnapshotWriter out) {
        out.writeInt(plateIndex).writeDouble(minChangeGrams).writeDouble(minNoiseVariance)
                .writeDouble(maxNoiseVariance).writeDoubles(window).writeLongs(windowTimes).writeInt(windowCount)
                .writeInt(windowNext).writeBoolean(initialised).writeDouble(level).writeDouble(noiseVariance)
                .writeInt(outliers).writeLong(firstOutlierMillis).writeBoolean(changing).writeLong(changeStartMillis)
                .writeInt(samplesSinceOpen);
    }

    private static PlateChangeDetector read(SnapshotReader in) {
        PlateChangeDetector d = new PlateChangeDetector(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDoubles(), in.readLongs());
        if (d.window.length < 4 || d.windowTimes.length != d.window.length) {
            throw in.corrupt("plate " + d.plateIndex + " has a window of " + d.window.length + " samples and "
                    + d.windowTimes.length + " times");
        }
        d.windowCount = in.readInt();
        d.windowNext = in.readInt();
        if (d.windowCount < 0 || d.windowCount > d.window.length || d.windowNext < 0 || d.windowNext >= d.window.length) {
            throw in.corrupt("plate " + d.plateIndex + " window position " + d.windowNext + " / count " + d.windowCount
                    + " is outside its " + d.window.length + " samples");
        }
        d.initialised = in.readBoolean();
        d.level = in.readDouble();
        d.noiseVariance = in.readDouble();
        d.outliers = in.readInt();
        d.firstOutlierMillis = in.readLong();
        d.changing = in.readBoolean();
        d.changeStartMillis = in.readLong();
        d.samplesSinceOpen = in.readInt();
        return d;
    }

    /** Feeds one sample; returns the change it settles, if any. Samples must come in event-time order. */
    public Optional<WeightChange> accept(long timestampMillis, double grams) {
        push(timestampMillis, grams);
        if (!initialised) {
            if (windowCount == window.length) {
                level = windowMean();
                initialised = true;
            }
            return Optional.empty();
        }
        return changing ? continueChange(timestampMillis) : watchStable(timestampMillis, grams);
    }

    private Optional<WeightChange> watchStable(long timestampMillis, double grams) {
        double residual = grams - level;
        if (Math.abs(residual) > threshold()) {
            if (outliers == 0) {
                firstOutlierMillis = timestampMillis;
            }
            if (++outliers >= OUTLIERS_TO_OPEN) {
                changing = true;
                changeStartMillis = firstOutlierMillis;
                samplesSinceOpen = 0;
                outliers = 0;
            }
            return Optional.empty();
        }
        outliers = 0;
        // Only samples that look like plain noise move the level and the noise estimate: a hand
        // resting lightly on the plate (under the threshold) must neither shift nor widen them.
        if (residual * residual <= 9 * noiseVariance) {
            level += DRIFT_ALPHA * residual;
            noiseVariance += NOISE_ALPHA * (residual * residual - noiseVariance);
            noiseVariance = Math.max(minNoiseVariance, Math.min(maxNoiseVariance, noiseVariance));
        }
        return Optional.empty();
    }

    private Optional<WeightChange> continueChange(long timestampMillis) {
        samplesSinceOpen++;
        boolean timedOut = timestampMillis - changeStartMillis > MAX_CHANGE_MILLIS;
        if (samplesSinceOpen < window.length || (!windowQuiet() && !timedOut)) {
            return Optional.empty();
        }
        return settle(windowTimes[windowNext % window.length]);
    }

    /**
     * Closes the change with the window's mean. A difference below the minimum is a touch or a
     * hand resting on the plate: the old level stays, so a pick that follows a press is still
     * measured from the level before the hand arrived.
     */
    private Optional<WeightChange> settle(long endMillis) {
        double newLevel = windowMean();
        double delta = newLevel - level;
        changing = false;
        double deltaStd = Math.sqrt(noiseVariance * (1.0 / window.length + DRIFT_ALPHA / (2 - DRIFT_ALPHA)));
        if (Math.abs(delta) < Math.max(minChangeGrams, 4 * deltaStd)) {
            return Optional.empty();
        }
        level = newLevel;
        return Optional.of(new WeightChange(plateIndex, changeStartMillis, endMillis, delta, deltaStd));
    }

    /** Closes a change in progress with the current window, as at the end of a stream. */
    public Optional<WeightChange> forceSettle() {
        if (!changing || windowCount == 0) {
            return Optional.empty();
        }
        return settle(windowTimes[windowNext % window.length]);
    }

    public boolean isChanging() {
        return changing;
    }

    /** Event time at which the change in progress began; meaningful only while {@link #isChanging()}. */
    public long changeStartMillis() {
        return changeStartMillis;
    }

    public double noiseStdDevGrams() {
        return Math.sqrt(noiseVariance);
    }

    private double threshold() {
        return Math.max(5 * Math.sqrt(noiseVariance), minChangeGrams * 0.5);
    }

    /**
     * A window is quiet when its spread is that of noise and its older and newer halves agree: the
     * second test rejects a window that still holds the tail of a ramp.
     */
    private boolean windowQuiet() {
        double mean = windowMean();
        double sumSq = 0;
        for (double v : window) {
            double d = v - mean;
            sumSq += d * d;
        }
        double variance = sumSq / (window.length - 1);
        if (variance > 3.0 * noiseVariance + 0.25) {
            return false;
        }
        int half = window.length / 2;
        double older = 0;
        double newer = 0;
        for (int k = 0; k < window.length; k++) {
            double v = window[(windowNext + k) % window.length];
            if (k < half) {
                older += v;
            } else {
                newer += v;
            }
        }
        double halvesDiff = older / half - newer / (window.length - half);
        double halvesStd = Math.sqrt(noiseVariance * (1.0 / half + 1.0 / (window.length - half)));
        return Math.abs(halvesDiff) <= 3 * halvesStd + 0.5;
    }

    private void push(long timestampMillis, double grams) {
        window[windowNext] = grams;
        windowTimes[windowNext] = timestampMillis;
        windowNext = (windowNext + 1) % window.length;
        if (windowCount < window.length) {
            windowCount++;
        }
    }

    private double windowMean() {
        double sum = 0;
        for (int i = 0; i < windowCount; i++) {
            sum += window[i];
        }
        return sum / windowCount;
    }
}
