package io.aisle.fusion.layout;

import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.snapshot.SnapshotCodec;

/** An axis-aligned rectangle on the floor plane, in meters (entry and exit zones). */
public record FloorZone(double minXMeters, double minYMeters, double maxXMeters, double maxYMeters) {

    /** minXMeters, minYMeters, maxXMeters, maxYMeters. */
    public static final SnapshotCodec<FloorZone> CODEC = SnapshotCodec.of(
            (z, out) -> out.writeDouble(z.minXMeters).writeDouble(z.minYMeters).writeDouble(z.maxXMeters)
                    .writeDouble(z.maxYMeters),
            in -> new FloorZone(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));

    public FloorZone {
        if (!(minXMeters < maxXMeters) || !(minYMeters < maxYMeters)) {
            throw new IllegalArgumentException("zone must have min < max but was x " + minXMeters + ".." + maxXMeters
                    + ", y " + minYMeters + ".." + maxYMeters);
        }
    }

    public boolean contains(FloorPoint point) {
        return contains(point.xMeters(), point.yMeters());
    }

    public boolean contains(double xMeters, double yMeters) {
        return xMeters >= minXMeters && xMeters <= maxXMeters && yMeters >= minYMeters && yMeters <= maxYMeters;
    }

    /** Distance in meters from a point to the zone; 0 inside it. */
    public double distanceMeters(double xMeters, double yMeters) {
        double dx = Math.max(0, Math.max(minXMeters - xMeters, xMeters - maxXMeters));
        double dy = Math.max(0, Math.max(minYMeters - yMeters, yMeters - maxYMeters));
        return Math.hypot(dx, dy);
    }

    public FloorPoint center() {
        return new FloorPoint((minXMeters + maxXMeters) / 2, (minYMeters + maxYMeters) / 2);
    }
}
