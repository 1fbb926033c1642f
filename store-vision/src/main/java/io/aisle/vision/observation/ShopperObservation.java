package io.aisle.vision.observation;

import java.util.Objects;
import java.util.Optional;

/**
 * One sighting of one shopper track at one instant (event time, epoch milliseconds), about 15 Hz
 * per track. A wrist is empty when no camera saw it in that frame.
 *
 * @param trackId stable per shopper while tracking holds; a new id after an identity switch
 */
public record ShopperObservation(
        String trackId,
        long timestampMillis,
        FloorPoint position,
        Optional<StorePoint> leftWrist,
        Optional<StorePoint> rightWrist) {

    public ShopperObservation {
        Objects.requireNonNull(trackId, "trackId");
        if (trackId.isBlank()) {
            throw new IllegalArgumentException("trackId must not be blank");
        }
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(leftWrist, "leftWrist");
        Objects.requireNonNull(rightWrist, "rightWrist");
    }
}
