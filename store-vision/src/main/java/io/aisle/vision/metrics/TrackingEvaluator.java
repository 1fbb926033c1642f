package io.aisle.vision.metrics;

import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.tracking.HungarianAssignment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores tracks against ground truth. A track position matches a true position closer than
 * {@code matchDistanceMeters}. Stateless and thread-safe.
 */
public final class TrackingEvaluator {

    private final double matchDistanceMeters;

    public TrackingEvaluator(double matchDistanceMeters) {
        if (!(matchDistanceMeters > 0)) {
            throw new IllegalArgumentException("matchDistanceMeters must be > 0 but was " + matchDistanceMeters);
        }
        this.matchDistanceMeters = matchDistanceMeters;
    }

    /** @param frames in time order */
    public TrackingScores evaluate(List<TrackedFrame> frames) {
        int truthCount = 0;
        int trackCount = 0;
        int misses = 0;
        int falsePositives = 0;
        int idSwitches = 0;
        Map<String, String> lastTrackOfTruth = new HashMap<>();
        Map<String, String> previousFrameMatch = new HashMap<>();
        // Frames in which each (truth, track) pair was within the match distance, for IDF1.
        Map<String, Map<String, Integer>> together = new TreeMap<>();
        for (TrackedFrame frame : frames) {
            truthCount += frame.truth().size();
            trackCount += frame.tracks().size();
            for (Map.Entry<String, FloorPoint> t : frame.truth().entrySet()) {
                for (Map.Entry<String, FloorPoint> h : frame.tracks().entrySet()) {
                    if (t.getValue().distanceTo(h.getValue()) <= matchDistanceMeters) {
                        together.computeIfAbsent(t.getKey(), k -> new TreeMap<>()).merge(h.getKey(), 1, Integer::sum);
                    }
                }
            }
            Map<String, String> match = matchFrame(frame, previousFrameMatch);
            misses += frame.truth().size() - match.size();
            falsePositives += frame.tracks().size() - match.size();
            for (Map.Entry<String, String> m : match.entrySet()) {
                String previous = lastTrackOfTruth.put(m.getKey(), m.getValue());
                if (previous != null && !previous.equals(m.getValue())) {
                    idSwitches++;
                }
            }
            previousFrameMatch = match;
        }
        int idTruePositives = bestIdentityOverlap(together);
        double mota = truthCount == 0 ? 1 : 1 - (double) (misses + falsePositives + idSwitches) / truthCount;
        double idf1 = truthCount + trackCount == 0 ? 1 : 2.0 * idTruePositives / (truthCount + trackCount);
        double idPrecision = trackCount == 0 ? 1 : (double) idTruePositives / trackCount;
        double idRecall = truthCount == 0 ? 1 : (double) idTruePositives / truthCount;
        return new TrackingScores(truthCount, trackCount, misses, falsePositives, idSwitches, mota, idf1,
                idPrecision, idRecall);
    }

    /**
     * CLEAR MOT matching of one frame: pairs of the previous frame that are still within the match
     * distance are kept, the rest are matched by minimum total distance.
     */
    private Map<String, String> matchFrame(TrackedFrame frame, Map<String, String> previous) {
        Map<String, String> match = new TreeMap<>();
        for (Map.Entry<String, String> p : previous.entrySet()) {
            FloorPoint t = frame.truth().get(p.getKey());
            FloorPoint h = frame.tracks().get(p.getValue());
            if (t != null && h != null && t.distanceTo(h) <= matchDistanceMeters) {
                match.put(p.getKey(), p.getValue());
            }
        }
        List<String> truths = new ArrayList<>(new TreeSet<>(frame.truth().keySet()));
        truths.removeAll(match.keySet());
        List<String> hyps = new ArrayList<>(new TreeSet<>(frame.tracks().keySet()));
        hyps.removeAll(match.values());
        double[][] cost = new double[truths.size()][hyps.size()];
        for (int i = 0; i < truths.size(); i++) {
            for (int j = 0; j < hyps.size(); j++) {
                cost[i][j] = frame.truth().get(truths.get(i)).distanceTo(frame.tracks().get(hyps.get(j)));
            }
        }
        int[] assignment = HungarianAssignment.assign(cost, matchDistanceMeters);
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] >= 0) {
                match.put(truths.get(i), hyps.get(assignment[i]));
            }
        }
        return match;
    }

    /**
     * IDTP: the largest total of frames-together under a one-to-one mapping of true identities to
     * tracks. Each truth gets a private "unmatched" column worth 0 so that every truth is assigned.
     */
    private static int bestIdentityOverlap(Map<String, Map<String, Integer>> together) {
        List<String> truths = new ArrayList<>(together.keySet());
        List<String> hyps = new ArrayList<>(new TreeSet<>(together.values().stream()
                .flatMap(m -> m.keySet().stream()).toList()));
        int most = together.values().stream().flatMap(m -> m.values().stream()).max(Integer::compare).orElse(0);
        double[][] cost = new double[truths.size()][hyps.size() + truths.size()];
        for (int i = 0; i < truths.size(); i++) {
            Map<String, Integer> row = together.get(truths.get(i));
            for (int j = 0; j < hyps.size() + truths.size(); j++) {
                int count = j < hyps.size() ? row.getOrDefault(hyps.get(j), 0) : 0;
                cost[i][j] = most - count;
            }
        }
        int[] assignment = HungarianAssignment.assign(cost, most);
        int total = 0;
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] >= 0 && assignment[i] < hyps.size()) {
                total += together.get(truths.get(i)).getOrDefault(hyps.get(assignment[i]), 0);
            }
        }
        return total;
    }
}
