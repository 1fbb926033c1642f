package io.aisle.vision.calibration;

import io.aisle.vision.observation.StorePoint;
import java.util.Objects;

/**
 * A half-line in the store frame from a camera centre through a pixel; the direction is a unit
 * vector.
 */
public record Ray(StorePoint origin, double dx, double dy, double dz) {

    public Ray {
        Objects.requireNonNull(origin, "origin");
        double norm = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (!(Math.abs(norm - 1) < 1e-6)) {
            throw new IllegalArgumentException("direction must be a unit vector but had length " + norm);
        }
    }

    /** The point at {@code distanceMeters} along the ray. */
    public StorePoint at(double distanceMeters) {
        return new StorePoint(origin.xMeters() + dx * distanceMeters,
                origin.yMeters() + dy * distanceMeters,
                origin.zMeters() + dz * distanceMeters);
    }
}
