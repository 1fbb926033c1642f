package io.aisle.vision.calibration;

import io.aisle.vision.observation.FloorPoint;
import java.util.Objects;

/**
 * The vertical front face of a shelf unit: the segment {@code from}–{@code to} on the floor,
 * extruded from the floor to {@code heightMeters}. A hand reaching into the shelf crosses it, so
 * a wrist seen by one camera is located where its ray meets this face.
 */
public record ShelfFace(String shelfId, FloorPoint from, FloorPoint to, double heightMeters) {

    public ShelfFace {
        Objects.requireNonNull(shelfId, "shelfId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.distanceTo(to) < 1e-3) {
            throw new IllegalArgumentException("shelf face " + shelfId + " must have a length > 1 mm");
        }
        if (!(heightMeters > 0)) {
            throw new IllegalArgumentException("heightMeters must be > 0 but was " + heightMeters);
        }
    }

    /** Floor distance from a point to the face's segment. */
    public double distanceTo(FloorPoint point) {
        return point.distanceTo(closestPoint(point));
    }

    /** The point of the face's floor segment nearest to a point. */
    public FloorPoint closestPoint(FloorPoint point) {
        double ax = to.xMeters() - from.xMeters();
        double ay = to.yMeters() - from.yMeters();
        double t = ((point.xMeters() - from.xMeters()) * ax + (point.yMeters() - from.yMeters()) * ay) / (ax * ax + ay * ay);
        t = Math.max(0, Math.min(1, t));
        return new FloorPoint(from.xMeters() + t * ax, from.yMeters() + t * ay);
    }
}
