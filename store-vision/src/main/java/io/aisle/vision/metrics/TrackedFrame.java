package io.aisle.vision.metrics;

import io.aisle.vision.observation.FloorPoint;
import java.util.Map;

/**
 * One instant of a tracking run: where each true shopper was and where each track said a shopper
 * was, keyed by true identity and by track id.
 */
public record TrackedFrame(long timestampMillis, Map<String, FloorPoint> truth, Map<String, FloorPoint> tracks) {

    public TrackedFrame {
        truth = Map.copyOf(truth);
        tracks = Map.copyOf(tracks);
    }
}
