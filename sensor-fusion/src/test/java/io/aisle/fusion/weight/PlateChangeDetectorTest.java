package io.aisle.fusion.weight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

class PlateChangeDetectorTest {

    private static final double NOISE = 2.0;

    /** Feeds {@code seconds} of 60 Hz samples of {@code signal(t)} plus seeded noise. */
    private static List<WeightChange> run(double seconds, LongToDoubleFunction signal) {
        PlateChangeDetector detector = new PlateChangeDetector(0, NOISE, 20, 12);
        Random random = new Random(11);
        List<WeightChange> changes = new ArrayList<>();
        for (long tick = 0; tick * 1000 / 60 <= seconds * 1000; tick++) {
            long t = tick * 1000 / 60;
            detector.accept(t, 5_000 + signal.applyAsDouble(t) + random.nextGaussian() * NOISE).ifPresent(changes::add);
        }
        return changes;
    }

    private static double ramp(long t, long at, double grams) {
        return t <= at ? 0 : grams * Math.min(1, (t - at) / 150.0);
    }

    @Test
    void measuresAPickToWithinAGram() {
        List<WeightChange> changes = run(5, t -> ramp(t, 2_000, -350));

        assertEquals(1, changes.size());
        assertEquals(-350, changes.get(0).deltaGrams(), 1.0);
        assertTrue(changes.get(0).startMillis() >= 2_000 && changes.get(0).startMillis() <= 2_100);
    }

    @Test
    void reportsNothingForATouchShorterThanTheQuietWindow() {
        // Longer presses settle twice (+x, then -x); the engine cancels those as a lean.
        List<WeightChange> changes = run(5, t -> ramp(t, 2_000, 60) + ramp(t, 2_150, -60));

        assertTrue(changes.isEmpty(), changes.toString());
    }

    @Test
    void measuresAPickFromTheLevelBeforeAHandPressedThePlate() {
        // The hand presses 15 g for 400 ms, then lifts the item.
        List<WeightChange> changes = run(5, t -> ramp(t, 2_000, 15) + ramp(t, 2_400, -15) + ramp(t, 2_400, -80));

        assertEquals(1, changes.size(), changes.toString());
        assertEquals(-80, changes.get(0).deltaGrams(), 1.5);
    }

    @Test
    void followsSlowDriftWithoutReportingIt() {
        List<WeightChange> changes = run(600, t -> t / 60_000.0 * 6 + 2 * Math.sin(t / 100_000.0));

        assertTrue(changes.isEmpty(), changes.toString());
    }

    @Test
    void separatesTwoPicksHalfASecondApart() {
        List<WeightChange> changes = run(5, t -> ramp(t, 2_000, -120) + ramp(t, 2_500, -120));

        assertEquals(2, changes.size(), changes.toString());
        assertEquals(-120, changes.get(0).deltaGrams(), 1.5);
        assertEquals(-120, changes.get(1).deltaGrams(), 1.5);
    }
}
