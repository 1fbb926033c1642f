package io.aisle.vision.frame;

import java.io.Serializable;

/** A point in an image, in pixels: {@code u} to the right, {@code v} down from the top-left corner. */
public record PixelPoint(double u, double v) implements Serializable {

    public PixelPoint {
        if (!Double.isFinite(u) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("pixel coordinates must be finite but were (" + u + ", " + v + ")");
        }
    }
}
