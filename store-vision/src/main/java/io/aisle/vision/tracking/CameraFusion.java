package io.aisle.vision.tracking;

import io.aisle.vision.observation.FloorPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups one instant's floor detections from all cameras into persons: a detection joins the
 * nearest group within the fusion radius that has no detection from its camera yet (a camera sees
 * a person once), else starts a group. Greedy in order of confidence, which is deterministic and,
 * with a radius below the distance between two people, what a full assignment would give.
 */
final class CameraFusion {

    private final double radiusMeters;

    CameraFusion(double radiusMeters) {
        this.radiusMeters = radiusMeters;
    }

    List<FusedDetection> fuse(List<FloorDetection> detections) {
        List<FloorDetection> ordered = new ArrayList<>(detections);
        ordered.sort(Comparator.comparingDouble(FloorDetection::confidence).reversed()
                .thenComparing(FloorDetection::cameraId));
        List<List<FloorDetection>> groups = new ArrayList<>();
        List<FloorPoint> centres = new ArrayList<>();
        for (FloorDetection d : ordered) {
            int best = -1;
            double bestDistance = radiusMeters;
            for (int g = 0; g < groups.size(); g++) {
                double distance = centres.get(g).distanceTo(d.position());
                if (distance <= bestDistance && groups.get(g).stream().noneMatch(m -> m.cameraId().equals(d.cameraId()))) {
                    best = g;
                    bestDistance = distance;
                }
            }
            if (best < 0) {
                groups.add(new ArrayList<>(List.of(d)));
                centres.add(d.position());
            } else {
                groups.get(best).add(d);
                centres.set(best, weightedMean(groups.get(best)));
            }
        }
        List<FusedDetection> fused = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            double confidence = groups.get(g).stream().mapToDouble(FloorDetection::confidence).max().orElseThrow();
            fused.add(new FusedDetection(centres.get(g), confidence, groups.get(g)));
        }
        return fused;
    }

    private static FloorPoint weightedMean(List<FloorDetection> group) {
        double x = 0;
        double y = 0;
        double weight = 0;
        for (FloorDetection d : group) {
            double w = Math.max(d.confidence(), 1e-3);
            x += w * d.position().xMeters();
            y += w * d.position().yMeters();
            weight += w;
        }
        return new FloorPoint(x / weight, y / weight);
    }
}
