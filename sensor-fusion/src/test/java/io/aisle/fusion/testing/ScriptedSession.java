package io.aisle.fusion.testing;

import io.aisle.fusion.layout.Plate;
import io.aisle.fusion.layout.PlateBox;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.frame.Hand;
import io.aisle.vision.frame.HandCrop;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.tracking.TrackedHandCrop;
import io.aisle.vision.observation.StorePoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A hand-written store session rendered into sensor streams: 60 Hz load-cell samples (tare,
 * weight steps with a 150 ms ramp, hand forces, drift, seeded Gaussian noise) and 15 Hz
 * observations (a shopper's floor position, and the right wrist in a plate's box while reaching),
 * and hand crops where the script places them.
 * Times are milliseconds from the session start.
 */
public final class ScriptedSession {

    public static final long T0 = 1_767_225_600_000L;

    /** The camera every scripted hand crop comes from. */
    private static final String CAMERA = "scripted";

    private final StoreLayout layout;
    private final double noiseGrams;
    private final Random random;
    private final List<double[]> steps = new ArrayList<>();
    private final double[] driftPerMinute;
    private final Map<String, List<double[]>> moves = new LinkedHashMap<>();
    private final Map<String, List<double[]>> reaches = new LinkedHashMap<>();
    private final Map<String, long[]> presence = new LinkedHashMap<>();
    private final Map<String, Object[]> switches = new LinkedHashMap<>();
    private final Map<String, long[]> hidden = new LinkedHashMap<>();
    private final List<TrackedHandCrop> crops = new ArrayList<>();
    private long skewMillis;

    public ScriptedSession(StoreLayout layout, double noiseGrams, long seed) {
        this.layout = layout;
        this.noiseGrams = noiseGrams;
        this.random = new Random(seed);
        this.driftPerMinute = new double[layout.plates().size()];
    }

    /** A shopper enters at {@code atMillis} and walks straight to stand in front of plate {@code plateNumber}. */
    public ScriptedSession enter(String trackId, long atMillis, int plateNumber) {
        presence.put(trackId, new long[] {atMillis, Long.MAX_VALUE});
        List<double[]> path = moves.computeIfAbsent(trackId, k -> new ArrayList<>());
        path.add(new double[] {atMillis, 0.75, 0.75});
        path.add(new double[] {atMillis + 1_000, 1.0, TestStores.AISLE_Y});
        path.add(new double[] {atMillis + 2_000, TestStores.plateX(plateNumber), TestStores.AISLE_Y});
        return this;
    }

    /**
     * The shopper is in front of plate {@code plateNumber} (x offset for a neighbour) at this time;
     * positions are interpolated linearly between such keyframes, so a later keyframe means walking.
     */
    public ScriptedSession standAt(String trackId, long atMillis, int plateNumber, double xOffsetMeters) {
        moves.get(trackId).add(new double[] {atMillis, TestStores.plateX(plateNumber) + xOffsetMeters, TestStores.AISLE_Y});
        return this;
    }

    /** The shopper's right wrist is in the plate's box from {@code fromMillis} to {@code toMillis}. */
    public ScriptedSession reach(String trackId, String plateId, long fromMillis, long toMillis) {
        return reachShort(trackId, plateId, fromMillis, toMillis, 0);
    }

    /** Like {@link #reach} but the wrist stops {@code shortMeters} in front of the plate's front face. */
    public ScriptedSession reachShort(String trackId, String plateId, long fromMillis, long toMillis, double shortMeters) {
        reaches.computeIfAbsent(trackId, k -> new ArrayList<>())
                .add(new double[] {plateIndex(plateId), fromMillis, toMillis, shortMeters});
        return this;
    }

    /** The plate's weight changes by {@code grams} over 150 ms from {@code atMillis} (negative for a pick). */
    public ScriptedSession weight(String plateId, long atMillis, double grams) {
        steps.add(new double[] {plateIndex(plateId), atMillis, 150, grams});
        return this;
    }

    /** A hand or body rests on the plate with {@code grams} of force between the two times. */
    public ScriptedSession press(String plateId, long fromMillis, long toMillis, double grams) {
        weight(plateId, fromMillis, grams);
        return weight(plateId, toMillis, -grams);
    }

    /** A shopper reaches in and takes {@code grams} at {@code liftMillis}, withdrawing right after. */
    public ScriptedSession pick(String trackId, String plateId, long liftMillis, double grams) {
        reach(trackId, plateId, liftMillis - 500, liftMillis + 150);
        return weight(plateId, liftMillis, -grams);
    }

    /** A shopper reaches in and puts {@code grams} down at {@code dropMillis}, withdrawing right after. */
    public ScriptedSession put(String trackId, String plateId, long dropMillis, double grams) {
        reach(trackId, plateId, dropMillis - 500, dropMillis + 150);
        return weight(plateId, dropMillis, grams);
    }

    public ScriptedSession drift(String plateId, double gramsPerMinute) {
        driftPerMinute[plateIndex(plateId)] = gramsPerMinute;
        return this;
    }

    /** From {@code atMillis} on, the shopper's observations carry {@code newTrackId} (an identity switch). */
    public ScriptedSession switchTrack(String trackId, long atMillis, String newTrackId) {
        switches.put(trackId, new Object[] {atMillis, newTrackId});
        return this;
    }

    /** No camera sees the shopper between the two times (lost frames). */
    public ScriptedSession hide(String trackId, long fromMillis, long toMillis) {
        hidden.put(trackId, new long[] {fromMillis, toMillis});
        return this;
    }

    /**
     * A camera sends a crop of the shopper's hand at {@code atMillis} (observation clock); its image
     * carries {@code label}, which {@link LabelReadingRecognizer} reads as the product shown.
     */
    public ScriptedSession handCrop(String trackId, long atMillis, String label) {
        crops.add(new TrackedHandCrop(trackId, atMillis, CAMERA, new HandCrop(Hand.RIGHT, LabelReadingRecognizer.imageOf(label))));
        return this;
    }

    /** Observation timestamps run this far ahead of the shelf clock. */
    public ScriptedSession skew(long millis) {
        this.skewMillis = millis;
        return this;
    }

    /** The shopper walks to the exit, steps into the exit zone at {@code atMillis} and is gone 600 ms later. */
    public ScriptedSession exit(String trackId, long atMillis) {
        List<double[]> path = moves.get(trackId);
        path.add(new double[] {atMillis - 1_500, 9.25, TestStores.AISLE_Y});
        path.add(new double[] {atMillis, 9.25, 1.5});
        path.add(new double[] {atMillis + 300, 9.25, 0.75});
        presence.get(trackId)[1] = atMillis + 600;
        return this;
    }

    /**
     * Renders the session up to {@code endMillis}, in arrival order: the true time of each sample,
     * readings first on ties (a skewed observation arrives when it was taken, not when its clock says).
     */
    public List<Object> render(long endMillis) {
        List<Object> out = new ArrayList<>();
        Map<Object, Long> arrival = new IdentityHashMap<>();
        double[] tare = new double[layout.plates().size()];
        for (int i = 0; i < tare.length; i++) {
            tare[i] = 1_000 + i * 37;
            for (var facing : layout.plates().get(i).facings()) {
                tare[i] += facing.count() * layout.findProduct(facing.sku()).orElseThrow().unitWeightGrams();
            }
        }
        for (long tick = 0; tick * 1000 / 60 <= endMillis; tick++) {
            long t = tick * 1000 / 60;
            for (int i = 0; i < tare.length; i++) {
                double grams = tare[i] + driftPerMinute[i] * t / 60_000.0 + random.nextGaussian() * noiseGrams;
                for (double[] step : steps) {
                    if (step[0] == i && t > step[1]) {
                        grams += step[3] * Math.min(1, (t - step[1]) / step[2]);
                    }
                }
                ShelfReading reading = new ShelfReading(layout.plates().get(i).id(), T0 + t, grams);
                out.add(reading);
                arrival.put(reading, t);
            }
            if (tick % 4 == 0) {
                for (Map.Entry<String, long[]> e : presence.entrySet()) {
                    long[] gap = hidden.get(e.getKey());
                    boolean seen = gap == null || t < gap[0] || t > gap[1];
                    if (seen && t >= e.getValue()[0] && t < e.getValue()[1]) {
                        ShopperObservation observation = observe(e.getKey(), t);
                        out.add(observation);
                        arrival.put(observation, t);
                    }
                }
            }
        }
        for (TrackedHandCrop crop : crops) {
            TrackedHandCrop stamped = new TrackedHandCrop(crop.trackId(), T0 + crop.timestampMillis() + skewMillis,
                    crop.cameraId(), crop.crop());
            out.add(stamped);
            arrival.put(stamped, crop.timestampMillis());
        }
        out.sort(Comparator.comparingLong(arrival::get));
        return out;
    }

    public static long timestampOf(Object input) {
        if (input instanceof TrackedHandCrop crop) {
            return crop.timestampMillis();
        }
        return input instanceof ShelfReading r ? r.timestampMillis() : ((ShopperObservation) input).timestampMillis();
    }

    private ShopperObservation observe(String trackId, long t) {
        double[] at = positionAt(moves.get(trackId), t);
        StorePoint right = new StorePoint(at[0] + 0.22, at[1], 0.85);
        for (double[] reach : reaches.getOrDefault(trackId, List.of())) {
            if (t >= reach[1] && t <= reach[2]) {
                PlateBox box = layout.plates().get((int) reach[0]).box();
                right = reach[3] == 0 ? box.center()
                        : new StorePoint(box.center().xMeters(), box.max().yMeters() + reach[3], box.center().zMeters());
            }
        }
        Object[] switched = switches.get(trackId);
        String observedId = switched != null && t >= (long) switched[0] ? (String) switched[1] : trackId;
        return new ShopperObservation(observedId, T0 + t + skewMillis, new FloorPoint(at[0], at[1]),
                Optional.of(new StorePoint(at[0] - 0.22, at[1], 0.85)), Optional.of(right));
    }

    /** Piecewise-linear interpolation between keyframes {time, x, y}. */
    private static double[] positionAt(List<double[]> path, long t) {
        double[] previous = path.get(0);
        for (double[] frame : path) {
            if (frame[0] > t) {
                double span = frame[0] - previous[0];
                double f = span <= 0 ? 1 : (t - previous[0]) / span;
                return new double[] {previous[1] + (frame[1] - previous[1]) * f, previous[2] + (frame[2] - previous[2]) * f};
            }
            previous = frame;
        }
        return new double[] {previous[1], previous[2]};
    }

    private int plateIndex(String plateId) {
        List<Plate> plates = layout.plates();
        for (int i = 0; i < plates.size(); i++) {
            if (plates.get(i).id().equals(plateId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown plate " + plateId);
    }
}
