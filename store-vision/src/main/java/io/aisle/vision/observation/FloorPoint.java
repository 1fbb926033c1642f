package io.aisle.vision.observation;

import io.aisle.vision.snapshot.SnapshotCodec;

/** A point on the store floor plane, in meters from the store origin. */
public record FloorPoint(double xMeters, double yMeters) {

    /** xMeters, yMeters. */
    public static final SnapshotCodec<FloorPoint> CODEC = SnapshotCodec.of(
            (p, out) -> out.writeDouble(p.xMeters).writeDouble(p.yMeters), in -> new FloorPoint(in.readDouble(), in.readDouble()));

    public FloorPoint {
        if (!Double.isFinite(xMeters) || !Double.isFinite(yMeters)) {
            throw new IllegalArgumentException("coordinates must be finite but were (" + xMeters + ", " + yMeters + ")");
        }
    }

    public double distanceTo(FloorPoint other) {
        return Math.hypot(xMeters - other.xMeters, yMeters - other.yMeters);
    }
}
