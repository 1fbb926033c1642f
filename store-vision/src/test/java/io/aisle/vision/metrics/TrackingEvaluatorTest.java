package io.aisle.vision.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.vision.observation.FloorPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackingEvaluatorTest {

    private static final TrackingEvaluator EVALUATOR = new TrackingEvaluator(0.5);
    private static final FloorPoint A = new FloorPoint(1, 1);
    private static final FloorPoint B = new FloorPoint(5, 5);

    @Test
    void perfectTracksScoreOne() {
        List<TrackedFrame> frames = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            frames.add(new TrackedFrame(t, Map.of("ann", A, "bob", B), Map.of("1", A, "2", B)));
        }
        TrackingScores s = EVALUATOR.evaluate(frames);
        assertEquals(1.0, s.mota(), 1e-12);
        assertEquals(1.0, s.idf1(), 1e-12);
        assertEquals(0, s.idSwitches());
    }

    @Test
    void countsAnIdentitySwitchWhenATrackIdChangesMidway() {
        List<TrackedFrame> frames = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            frames.add(new TrackedFrame(t, Map.of("ann", A), Map.of(t < 6 ? "1" : "2", A)));
        }
        TrackingScores s = EVALUATOR.evaluate(frames);
        assertEquals(1, s.idSwitches());
        assertEquals(1 - 1 / 10.0, s.mota(), 1e-12);
        // Best mapping ann -> "1" covers 6 of 10 truths and 6 of 10 track positions.
        assertEquals(0.6, s.idf1(), 1e-12);
    }

    @Test
    void countsMissesAndFalsePositivesByDistance() {
        List<TrackedFrame> frames = List.of(
                new TrackedFrame(0, Map.of("ann", A), Map.of("1", new FloorPoint(1.3, 1))),
                new TrackedFrame(1, Map.of("ann", A), Map.of("1", new FloorPoint(2, 1))));
        TrackingScores s = EVALUATOR.evaluate(frames);
        assertEquals(1, s.misses());
        assertEquals(1, s.falsePositives());
        assertEquals(0, s.mota(), 1e-12);
        assertEquals(0.5, s.idf1(), 1e-12);
    }

    @Test
    void keepsTheEarlierMatchWhenATrackCrossesAnotherShopper() {
        // Both tracks are within reach of ann in frame 1; CLEAR MOT keeps ann's match with "1".
        List<TrackedFrame> frames = List.of(
                new TrackedFrame(0, Map.of("ann", A), Map.of("1", new FloorPoint(1.4, 1))),
                new TrackedFrame(1, Map.of("ann", A), Map.of("1", new FloorPoint(1.4, 1), "2", A)));
        TrackingScores s = EVALUATOR.evaluate(frames);
        assertEquals(0, s.idSwitches());
        assertEquals(1, s.falsePositives());
    }
}
