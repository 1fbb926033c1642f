package io.aisle.vision.frame;

import java.io.Serializable;
import java.util.Objects;

/** One detected body keypoint in an image, with the detector's confidence in [0, 1]. */
public record Keypoint(PixelPoint point, double confidence) implements Serializable {

    public Keypoint {
        Objects.requireNonNull(point, "point");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1] but was " + confidence);
        }
    }
}
