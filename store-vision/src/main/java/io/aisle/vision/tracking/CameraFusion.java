package io.aisle.vision.tracking;

import io.aisle.vision.frame.AppearanceEmbedding;
import io.aisle.vision.observation.FloorPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups one instant's floor detections from all cameras into persons: a detection joins the
 * nearest group within the fusion radius that has no detection from its camera yet (a camera sees
 * a person once), else starts a group. Greedy in order of confidence, which is deterministic and,
 * with a radius below the distance between two people, what a full assignment would give. When
 * detection and group both carry appearance embeddings, "nearest" adds their cosine distance
 * times the appearance weight: of two people closer than the radius, a camera's view of one then
 * joins the group that looks like them rather than the one a few centimetres nearer.
 */
final class CameraFusion {

    private final double radiusMeters;
    private final double appearanceWeightMeters;

    CameraFusion(double radiusMeters, double appearanceWeightMeters) {
        this.radiusMeters = radiusMeters;
        this.appearanceWeightMeters = appearanceWeightMeters;
    }

    List<FusedDetection> fuse(List<FloorDetection> detections) {
        List<FloorDetection> ordered = new ArrayList<>(detections);
        ordered.sort(Comparator.comparingDouble(FloorDetection::confidence).reversed()
                .thenComparing(FloorDetection::cameraId));
        List<List<FloorDetection>> groups = new ArrayList<>();
        List<FloorPoint> centres = new ArrayList<>();
        List<AppearanceEmbedding> looks = new ArrayList<>();
        for (FloorDetection d : ordered) {
            int best = -1;
            double bestCost = Double.MAX_VALUE;
            for (int g = 0; g < groups.size(); g++) {
                double distance = centres.get(g).distanceTo(d.position());
                if (distance <= radiusMeters && groups.get(g).stream().noneMatch(m -> m.cameraId().equals(d.cameraId()))) {
                    double unlike = Appearances.distance(looks.get(g), d.appearance());
                    double cost = Double.isNaN(unlike) ? distance : distance + appearanceWeightMeters * unlike;
                    if (cost <= bestCost) {
                        best = g;
                        bestCost = cost;
                    }
                }
            }
            if (best < 0) {
                groups.add(new ArrayList<>(List.of(d)));
                centres.add(d.position());
                looks.add(d.appearance());
            } else {
                groups.get(best).add(d);
                centres.set(best, weightedMean(groups.get(best)));
                looks.set(best, appearanceOf(groups.get(best)));
            }
        }
        List<FusedDetection> fused = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            double confidence = groups.get(g).stream().mapToDouble(FloorDetection::confidence).max().orElseThrow();
            fused.add(new FusedDetection(centres.get(g), confidence, groups.get(g), looks.get(g)));
        }
        return fused;
    }

    private static AppearanceEmbedding appearanceOf(List<FloorDetection> group) {
        List<AppearanceEmbedding> embeddings = new ArrayList<>(group.size());
        List<Double> weights = new ArrayList<>(group.size());
        for (FloorDetection d : group) {
            embeddings.add(d.appearance());
            weights.add(Math.max(d.confidence(), 1e-3));
        }
        return Appearances.mean(embeddings, weights);
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
