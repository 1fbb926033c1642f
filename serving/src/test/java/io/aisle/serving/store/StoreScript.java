package io.aisle.serving.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A small scripted store session rendered into request bodies: a 10 m x 8 m store with two plates
 * (P1 oats 350 g x 20, P2 tea 120 g x 20) on one shelf facing an aisle at y 3.6 m; shoppers who
 * walk in, stand at a plate, reach in (taking one unit or not) and walk out. Load cells at 60 Hz
 * with seeded noise, observations at 15 Hz. Times are milliseconds from {@code t0}.
 */
public final class StoreScript {

    static final double AISLE_Y = 3.6;
    private static final double[] UNIT_GRAMS = {350, 120};

    /** One chunk of the session: its observations (null when nobody is in the store) and readings. */
    public record Batch(long fromMillis, String observationsJson, String readingsJson) {
    }

    /** What one shopper does. */
    private record Visit(String track, long enterMillis, int plate, long reachMillis, boolean takes, long exitMillis) {
    }

    private final long t0;
    private final long seed;
    private final List<Visit> visits = new ArrayList<>();

    public StoreScript(long t0, long seed) {
        this.t0 = t0;
        this.seed = seed;
    }

    public static String layoutJson(String store) {
        return """
                {"store": "%s", "floor": {"widthMeters": 10, "depthMeters": 8},
                 "entry": {"minX": 0, "minY": 0, "maxX": 1.5, "maxY": 1.5},
                 "exit": {"minX": 8.5, "minY": 0, "maxX": 10, "maxY": 1.5},
                 "products": [
                   {"sku": "OATS", "name": "Oats", "unitWeightGrams": 350, "weightStdDevGrams": 3, "appearanceId": "app-oats"},
                   {"sku": "TEA", "name": "Tea", "unitWeightGrams": 120, "weightStdDevGrams": 1.5, "appearanceId": "app-tea"}],
                 "gondolas": [{"id": "G1", "shelves": [{"id": "G1-S1", "plates": [
                   {"id": "P1", "loadCell": "LC-1", "capacityGrams": 60000,
                    "box": {"min": [2.01, 2.5, 0.6], "max": [2.49, 3.0, 0.95]}, "facings": [{"sku": "OATS", "count": 20}]},
                   {"id": "P2", "loadCell": "LC-2", "capacityGrams": 60000,
                    "box": {"min": [2.51, 2.5, 0.6], "max": [2.99, 3.0, 0.95]}, "facings": [{"sku": "TEA", "count": 20}]}]}]}]}
                """.formatted(store);
    }

    /** A shopper walks to plate {@code plate} (1 or 2), takes one unit at {@code pickMillis}, and leaves. */
    public StoreScript picks(String track, long enterMillis, int plate, long pickMillis, long exitMillis) {
        visits.add(new Visit(track, enterMillis, plate, pickMillis, true, exitMillis));
        return this;
    }

    /** Like {@link #picks} but the hand comes back empty: the plate's weight does not change. */
    StoreScript touches(String track, long enterMillis, int plate, long reachMillis, long exitMillis) {
        visits.add(new Visit(track, enterMillis, plate, reachMillis, false, exitMillis));
        return this;
    }

    /**
     * a takes a tea while b's hand is in the same plate and both withdraw together, so the engine
     * cannot tell who took it: the receipt that carries the tea is flagged for review. 12 s in
     * chunks of 100 ms.
     */
    public static List<Batch> ambiguousPick(long t0) {
        return new StoreScript(t0, 5).picks("a", 0, 2, 4_000, 9_000).touches("b", 200, 2, 4_000, 9_600)
                .render(12_000, 100);
    }

    /** The session up to {@code endMillis} in chunks of {@code chunkMillis}. */
    public List<Batch> render(long endMillis, long chunkMillis) {
        Random noise = new Random(seed);
        List<Batch> batches = new ArrayList<>();
        for (long from = 0; from <= endMillis; from += chunkMillis) {
            StringBuilder readings = new StringBuilder("{\"readings\":[");
            StringBuilder observations = new StringBuilder("{\"observations\":[");
            boolean anyObservation = false;
            for (long tick = (from * 60 + 999) / 1000; tick * 1000 / 60 < Math.min(from + chunkMillis, endMillis + 1); tick++) {
                long t = tick * 1000 / 60;
                for (int plate = 1; plate <= 2; plate++) {
                    if (readings.length() > 13) {
                        readings.append(',');
                    }
                    readings.append(String.format(Locale.ROOT, "{\"plate\":\"P%d\",\"ts\":%d,\"grams\":%.2f}",
                            plate, t0 + t, grams(plate, t) + noise.nextGaussian()));
                }
                if (tick % 4 == 0) {
                    for (Visit visit : visits) {
                        if (t >= visit.enterMillis() && t < visit.exitMillis() + 600) {
                            observations.append(anyObservation ? "," : "").append(observation(visit, t));
                            anyObservation = true;
                        }
                    }
                }
            }
            batches.add(new Batch(from, anyObservation ? observations.append("]}").toString() : null,
                    readings.append("]}").toString()));
        }
        return batches;
    }

    private double grams(int plate, long t) {
        double grams = 1_000 + plate * 37 + 20 * UNIT_GRAMS[plate - 1];
        for (Visit visit : visits) {
            if (visit.takes() && visit.plate() == plate && t > visit.reachMillis()) {
                // A 150 ms ramp, as a unit leaves the plate.
                grams -= UNIT_GRAMS[plate - 1] * Math.min(1, (t - visit.reachMillis()) / 150.0);
            }
        }
        return grams;
    }

    private String observation(Visit visit, long t) {
        double[] at = position(visit, t);
        double plateX = plateX(visit.plate());
        boolean reaching = t >= visit.reachMillis() - 500 && t <= visit.reachMillis() + 150;
        String right = reaching
                ? String.format(Locale.ROOT, "[%.3f,2.75,0.775]", plateX)
                : String.format(Locale.ROOT, "[%.3f,%.3f,0.85]", at[0] + 0.22, at[1]);
        return String.format(Locale.ROOT,
                "{\"track\":\"%s\",\"ts\":%d,\"position\":[%.3f,%.3f],\"leftWrist\":[%.3f,%.3f,0.85],\"rightWrist\":%s}",
                visit.track(), t0 + t, at[0], at[1], at[0] - 0.22, at[1], right);
    }

    /** Keyframes {time, x, y}: entry, the aisle, the plate, back along the aisle, the exit zone. */
    private static double[] position(Visit visit, long t) {
        double[][] path = {
                {visit.enterMillis(), 0.75, 0.75},
                {visit.enterMillis() + 1_000, 1.0, AISLE_Y},
                {visit.enterMillis() + 2_000, plateX(visit.plate()), AISLE_Y},
                {visit.exitMillis() - 3_000, plateX(visit.plate()), AISLE_Y},
                {visit.exitMillis() - 700, 9.25, AISLE_Y},
                {visit.exitMillis(), 9.25, 1.5},
                {visit.exitMillis() + 300, 9.25, 0.75}};
        double[] previous = path[0];
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

    public static double plateX(int plate) {
        return 2 + (plate - 1) * 0.5 + 0.25;
    }
}
