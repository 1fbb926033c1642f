package io.aisle.vision.tracking;

import io.aisle.vision.frame.HandCrop;
import java.util.Objects;

/** A hand crop from a camera frame, attributed to the shopper track whose detection carried it. */
public record TrackedHandCrop(String trackId, long timestampMillis, String cameraId, HandCrop crop) {

    public TrackedHandCrop {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(crop, "crop");
    }
}
