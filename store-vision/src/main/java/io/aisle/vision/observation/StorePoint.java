package io.aisle.vision.observation;

/**
 * A point in the store frame, in meters: {@code x} and {@code y} on the floor plane from the
 * store origin, {@code z} up from the floor.
 */
public record StorePoint(double xMeters, double yMeters, double zMeters) {

    public StorePoint {
        if (!Double.isFinite(xMeters) || !Double.isFinite(yMeters) || !Double.isFinite(zMeters)) {
            throw new IllegalArgumentException("coordinates must be finite but were ("
                    + xMeters + ", " + yMeters + ", " + zMeters + ")");
        }
    }

    public double distanceTo(StorePoint other) {
        double dx = xMeters - other.xMeters;
        double dy = yMeters - other.yMeters;
        double dz = zMeters - other.zMeters;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
