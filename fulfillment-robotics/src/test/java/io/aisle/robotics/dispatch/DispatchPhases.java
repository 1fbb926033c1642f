package io.aisle.robotics.dispatch;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.motion.ActionModel;

/** The dispatcher's phases wired as {@link Dispatcher} wires them, for tests of one phase at a time. */
final class DispatchPhases {

    static final long TELEMETRY_TIMEOUT_MILLIS = DispatcherSettings.defaults(ActionModel.FOUR_CONNECTED)
            .telemetryTimeoutMillis();

    final RobotRoster robots;
    final ClosedCellRouting routing;
    final PodInventory pods;
    final ChargingPolicy charging;
    final ParkingLot parking = new ParkingLot();
    final OrderBook orders = new OrderBook();
    final TaskAssignment assignment;
    final FaultHandling faults;

    DispatchPhases(WarehouseLayout layout) {
        DispatcherSettings settings = DispatcherSettings.defaults(ActionModel.FOUR_CONNECTED);
        DistanceOracle oracle = new DistanceOracle(layout.map(), 16);
        robots = new RobotRoster(layout.map());
        routing = new ClosedCellRouting(layout.map(), oracle, robots);
        pods = new PodInventory(layout, routing, oracle);
        charging = new ChargingPolicy(settings, layout.chargers(), layout.map(), robots, routing);
        assignment = new TaskAssignment(layout, robots, pods, routing, charging, parking, orders);
        faults = new FaultHandling(layout.map(), settings.telemetryTimeoutMillis(), robots, routing, pods, charging,
                parking, assignment);
    }

    /** A new idle, full robot on {@code cell}, last heard at {@code lastHeardMillis}; returns its position. */
    int robotAt(int cell, long lastHeardMillis) {
        return robots.add("r" + robots.size(), cell, lastHeardMillis);
    }
}
