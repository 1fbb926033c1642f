package io.aisle.vision.frame;

import java.io.Serializable;

/** An axis-aligned box in an image, in pixels; {@code left < right} and {@code top < bottom}. */
public record PixelBox(double left, double top, double right, double bottom) implements Serializable {

    public PixelBox {
        if (!Double.isFinite(left) || !Double.isFinite(top) || !Double.isFinite(right) || !Double.isFinite(bottom)) {
            throw new IllegalArgumentException("box coordinates must be finite");
        }
        if (!(left < right) || !(top < bottom)) {
            throw new IllegalArgumentException("box must have left < right and top < bottom but was ["
                    + left + ", " + top + ", " + right + ", " + bottom + "]");
        }
    }

    /** The middle of the bottom edge: where a standing person's feet touch the floor. */
    public PixelPoint footPoint() {
        return new PixelPoint((left + right) / 2, bottom);
    }
}
