package io.aisle.vision.observation;

import java.io.Serializable;

/** A point on the store floor plane, in meters from the store origin. */
public record FloorPoint(double xMeters, double yMeters) implements Serializable {

    public FloorPoint {
        if (!Double.isFinite(xMeters) || !Double.isFinite(yMeters)) {
            throw new IllegalArgumentException("coordinates must be finite but were (" + xMeters + ", " + yMeters + ")");
        }
    }

    public double distanceTo(FloorPoint other) {
        return Math.hypot(xMeters - other.xMeters, yMeters - other.yMeters);
    }
}
