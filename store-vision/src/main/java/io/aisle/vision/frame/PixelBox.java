package io.aisle.vision.frame;

import io.aisle.vision.snapshot.SnapshotCodec;

/** An axis-aligned box in an image, in pixels; {@code left < right} and {@code top < bottom}. */
public record PixelBox(double left, double top, double right, double bottom) {

    /** left, top, right, bottom. */
    public static final SnapshotCodec<PixelBox> CODEC = SnapshotCodec.of(
            (b, out) -> out.writeDouble(b.left).writeDouble(b.top).writeDouble(b.right).writeDouble(b.bottom),
            in -> new PixelBox(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));

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
