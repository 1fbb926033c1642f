package io.aisle.fusion.layout;

import io.aisle.vision.observation.StorePoint;

/** The axis-aligned 3D box of a plate's reachable volume, in the store frame (meters). */
public record PlateBox(StorePoint min, StorePoint max) {

    public PlateBox {
        if (min == null || max == null) {
            throw new IllegalArgumentException("box corners must not be null");
        }
        if (!(min.xMeters() < max.xMeters()) || !(min.yMeters() < max.yMeters()) || !(min.zMeters() < max.zMeters())) {
            throw new IllegalArgumentException("box must have min < max on every axis but was " + min + " .. " + max);
        }
    }

    /** Euclidean distance in meters from a point to this box; zero inside. */
    public double distanceTo(double x, double y, double z) {
        double dx = Math.max(0, Math.max(min.xMeters() - x, x - max.xMeters()));
        double dy = Math.max(0, Math.max(min.yMeters() - y, y - max.yMeters()));
        double dz = Math.max(0, Math.max(min.zMeters() - z, z - max.zMeters()));
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    public StorePoint center() {
        return new StorePoint((min.xMeters() + max.xMeters()) / 2, (min.yMeters() + max.yMeters()) / 2,
                (min.zMeters() + max.zMeters()) / 2);
    }
}
