package io.aisle.vision.scene;

import io.aisle.vision.metrics.TrackedFrame;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.tracking.MultiCameraTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The observations a tracker made of a camera scene, tick by tick, beside the ground truth. */
public record SceneRun(List<ShopperObservation> observations, List<TrackedFrame> frames) {

    public SceneRun {
        observations = List.copyOf(observations);
        frames = List.copyOf(frames);
    }

    /** Feeds every tick from {@code fromMillis} to {@code toMillis} (inclusive) to the tracker. */
    public static SceneRun of(CameraScene scene, MultiCameraTracker tracker, long fromMillis, long toMillis) {
        List<ShopperObservation> all = new ArrayList<>();
        List<TrackedFrame> frames = new ArrayList<>();
        for (long t = fromMillis; t <= toMillis; t += CameraScene.TICK_MILLIS) {
            List<ShopperObservation> seen = tracker.update(t, scene.framesAt(t));
            all.addAll(seen);
            Map<String, FloorPoint> tracks = new TreeMap<>();
            seen.forEach(o -> tracks.put(o.trackId(), o.position()));
            frames.add(new TrackedFrame(t, scene.truthAt(t), tracks));
        }
        return new SceneRun(all, frames);
    }

    public TreeSet<String> trackIds() {
        return observations.stream().map(ShopperObservation::trackId).collect(Collectors.toCollection(TreeSet::new));
    }

    public List<ShopperObservation> between(long fromMillis, long toMillis) {
        return observations.stream().filter(o -> o.timestampMillis() >= fromMillis && o.timestampMillis() < toMillis).toList();
    }
}
