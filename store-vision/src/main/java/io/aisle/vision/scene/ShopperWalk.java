package io.aisle.vision.scene;

import io.aisle.vision.observation.FloorPoint;
import java.util.List;
import java.util.Optional;

/**
 * A scripted shopper: enters at {@code enterMillis} at the first waypoint, walks the waypoints at
 * a constant speed and leaves the store on reaching the last one.
 */
public record ShopperWalk(String shopperId, long enterMillis, double speedMetersPerSecond, List<FloorPoint> waypoints) {

    public ShopperWalk {
        waypoints = List.copyOf(waypoints);
    }

    public long exitMillis() {
        double length = 0;
        for (int i = 1; i < waypoints.size(); i++) {
            length += waypoints.get(i - 1).distanceTo(waypoints.get(i));
        }
        return enterMillis + Math.round(length / speedMetersPerSecond * 1000);
    }

    /** Where the shopper stands at a time, or empty before entering and after leaving. */
    public Optional<FloorPoint> positionAt(long millis) {
        if (millis < enterMillis || millis > exitMillis()) {
            return Optional.empty();
        }
        double walked = (millis - enterMillis) / 1000.0 * speedMetersPerSecond;
        for (int i = 1; i < waypoints.size(); i++) {
            FloorPoint a = waypoints.get(i - 1);
            FloorPoint b = waypoints.get(i);
            double leg = a.distanceTo(b);
            if (walked <= leg) {
                double f = leg == 0 ? 0 : walked / leg;
                return Optional.of(new FloorPoint(a.xMeters() + f * (b.xMeters() - a.xMeters()),
                        a.yMeters() + f * (b.yMeters() - a.yMeters())));
            }
            walked -= leg;
        }
        return Optional.of(waypoints.get(waypoints.size() - 1));
    }
}
