package io.aisle.robotics.dispatch;

import io.aisle.robotics.map.GridMap;
import java.util.List;

/**
 * The charging phase of the dispatcher: the battery model (each confirmed move or turn and each tick drain it, a
 * charger fills it) for robots that do not report their own charge, and when a robot goes to charge: an idle robot
 * below the threshold drives to the nearest free charger and stays there until full. A robot that reports its
 * charge is believed from then on: the model stops for it, so the two never fight over the number.
 *
 * <p>Not thread-safe: owned by the {@link Dispatcher}, under its lock.
 */
final class ChargingPolicy {

    private final DispatcherSettings settings;
    private final List<Integer> chargers;
    private final RobotRoster robots;
    private final ClosedCellRouting routing;
    /** Chargers a robot is bound for or charging on, by cell. */
    private final boolean[] chargerTaken;

    ChargingPolicy(DispatcherSettings settings, List<Integer> chargers, GridMap map, RobotRoster robots,
                   ClosedCellRouting routing) {
        this.settings = settings;
        this.chargers = List.copyOf(chargers);
        this.robots = robots;
        this.routing = routing;
        this.chargerTaken = new boolean[map.cellCount()];
    }

    /** Whether the robot has charge enough to take work. */
    boolean canWork(int r) {
        return robots.battery[r] >= settings.lowBatteryPercent();
    }

    boolean isFlat(int r) {
        return robots.battery[r] <= 0;
    }

    /** A confirmed move or turn. */
    void drainForMove(int r) {
        if (!robots.batteryReported[r]) {
            robots.battery[r] = Math.max(0, robots.battery[r] - settings.drainPerMove());
        }
    }

    /** A tick passed. */
    void drainForTick(int r) {
        if (!robots.batteryReported[r]) {
            robots.battery[r] = Math.max(0, robots.battery[r] - settings.drainPerTick());
        }
    }

    /** A reading from telemetry, or null when the robot sent none. */
    void readBattery(int r, Double reportedPercent) {
        if (reportedPercent != null) {
            robots.battery[r] = reportedPercent;
            robots.batteryReported[r] = true;
        }
    }

    /**
     * Sends an idle robot below the threshold to the nearest free charger; returns whether it was sent (it stays
     * idle when every charger is taken or cut off).
     */
    boolean sendToChargeIfLow(int r) {
        if (canWork(r)) {
            return false;
        }
        int charger = freeCharger(robots.fleet.cell(r));
        if (charger == GridMap.NONE) {
            return false;
        }
        robots.state[r] = RobotState.CHARGING;
        robots.goal[r] = charger;
        chargerTaken[charger] = true;
        return true;
    }

    /** One tick of a charging robot: it fills up on its charger and is idle again once full. */
    void chargeOneTick(int r) {
        int here = robots.fleet.cell(r);
        if (here != robots.goal[r]) {
            return;
        }
        if (!robots.batteryReported[r]) {
            robots.battery[r] = Math.min(100, robots.battery[r] + settings.chargePerTick());
        }
        if (robots.battery[r] >= 100) {
            leaveCharger(r);
        }
    }

    /** The robot gives up its charger (full, cut off from it, faulted or gone) and is idle without a goal. */
    void leaveCharger(int r) {
        chargerTaken[robots.goal[r]] = false;
        robots.state[r] = RobotState.IDLE;
        robots.goal[r] = GridMap.NONE;
    }

    /** A restored robot is bound for the charger. */
    void holdCharger(int cell) {
        chargerTaken[cell] = true;
    }

    /** The nearest charger no other robot is bound for, or NONE. */
    private int freeCharger(int from) {
        int best = GridMap.NONE;
        int bestDistance = Integer.MAX_VALUE;
        for (int charger : chargers) {
            if (chargerTaken[charger] || routing.isBlocked(charger)) {
                continue;
            }
            int d = routing.distanceTo(charger, from);
            if (d < bestDistance) {
                best = charger;
                bestDistance = d;
            }
        }
        return best;
    }
}
