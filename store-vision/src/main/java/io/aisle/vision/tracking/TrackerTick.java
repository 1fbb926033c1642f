package io.aisle.vision.tracking;

import io.aisle.vision.observation.ShopperObservation;
import java.util.List;

/** What one tick of the tracker produced: shopper observations, and hand crops attributed to their tracks. */
public record TrackerTick(List<ShopperObservation> observations, List<TrackedHandCrop> handCrops) {

    public TrackerTick {
        observations = List.copyOf(observations);
        handCrops = List.copyOf(handCrops);
    }
}
