package io.aisle.vision.tracking;

import io.aisle.vision.observation.FloorPoint;

/** An axis-aligned rectangle on the store floor, in meters: the entry gate, for instance. */
public record FloorZone(double minXMeters, double minYMeters, double maxXMeters, double maxYMeters) {

    public FloorZone {
        if (!(minXMeters < maxXMeters) || !(minYMeters < maxYMeters)) {
            throw new IllegalArgumentException("zone must have min < max on both axes but was ["
                    + minXMeters + ", " + minYMeters + ", " + maxXMeters + ", " + maxYMeters + "]");
        }
    }

    public boolean contains(FloorPoint p) {
        return p.xMeters() >= minXMeters && p.xMeters() <= maxXMeters
                && p.yMeters() >= minYMeters && p.yMeters() <= maxYMeters;
    }
}
