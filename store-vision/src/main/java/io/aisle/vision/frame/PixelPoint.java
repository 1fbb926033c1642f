package io.aisle.vision.frame;

import io.aisle.vision.snapshot.SnapshotCodec;

/** A point in an image, in pixels: {@code u} to the right, {@code v} down from the top-left corner. */
public record PixelPoint(double u, double v) {

    /** u, v. */
    public static final SnapshotCodec<PixelPoint> CODEC = SnapshotCodec.of(
            (p, out) -> out.writeDouble(p.u).writeDouble(p.v), in -> new PixelPoint(in.readDouble(), in.readDouble()));

    public PixelPoint {
        if (!Double.isFinite(u) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("pixel coordinates must be finite but were (" + u + ", " + v + ")");
        }
    }
}
