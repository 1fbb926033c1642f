package io.aisle.robotics.dispatch;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.task.PickTask;

/**
 * The fault phase of the dispatcher: a robot silent for longer than the telemetry timeout, or reporting a cell
 * another robot holds after a restart, is faulted (its cell, and a delivered command's target, become obstacles;
 * its task is re-dispatched; a carried pod is listed for recovery), and a repaired one returns to service, waiting
 * for its first telemetry. Also takes a robot off its work when it leaves the fleet.
 *
 * <p>Not thread-safe: owned by the {@link Dispatcher}, under its lock.
 */
final class FaultHandling {

    private static final System.Logger LOG = System.getLogger(FaultHandling.class.getName());

    private long faultsRecorded;
    private final GridMap map;
    private final long telemetryTimeoutMillis;
    private final RobotRoster robots;
    private final ClosedCellRouting routing;
    private final PodInventory pods;
    private final ChargingPolicy charging;
    private final ParkingLot parking;
    private final TaskAssignment assignment;

    FaultHandling(GridMap map, long telemetryTimeoutMillis, RobotRoster robots, ClosedCellRouting routing,
                  PodInventory pods, ChargingPolicy charging, ParkingLot parking, TaskAssignment assignment) {
        this.map = map;
        this.telemetryTimeoutMillis = telemetryTimeoutMillis;
        this.robots = robots;
        this.routing = routing;
        this.pods = pods;
        this.charging = charging;
        this.parking = parking;
        this.assignment = assignment;
    }

    /** Faults every robot not heard from for longer than the telemetry timeout at {@code nowMillis}. */
    void faultSilentRobots(long nowMillis) {
        for (int r = 0; r < robots.size(); r++) {
            if (robots.state[r] != RobotState.FAULTED && nowMillis - robots.lastHeardMillis[r] > telemetryTimeoutMillis) {
                fault(r, "silent for more than " + telemetryTimeoutMillis + " ms");
            }
        }
    }

    /** How many robots were faulted since the dispatcher started or was restored. */
    long faultsRecorded() {
        return faultsRecorded;
    }

    /** A lost robot: its cell becomes an obstacle, its task is re-dispatched, a carried pod needs recovery. */
    void fault(int r, String why) {
        faultsRecorded++;
        LOG.log(System.Logger.Level.WARNING, "robot {0} {1}: faulted at {2}", robots.ids[r], why,
                map.describe(robots.fleet.cell(r)));
        releaseWork(r);
        robots.state[r] = RobotState.FAULTED;
        RobotCommand command = robots.deliveredCommand(r);
        if (command != null) {
            // It may be in either cell: keep both closed.
            routing.closeForFault(command.targetCell());
        }
        routing.closeForFault(robots.fleet.cell(r));
    }

    /**
     * Returns a repaired faulted robot to service at {@code nowMillis}: its cells open to the planner again and it
     * waits, without commands, for its first telemetry. A pod it carried stays listed for recovery.
     */
    FleetChange returnToService(int r, long nowMillis) {
        String robotId = robots.ids[r];
        if (robots.state[r] != RobotState.FAULTED) {
            return new FleetChange(robotId, FleetChange.Outcome.NOT_FAULTED, "robot " + robotId + " is "
                    + robots.state[r] + ", not faulted");
        }
        routing.reopenFaultCells(r);
        robots.state[r] = RobotState.IDLE;
        robots.awaitingSync[r] = true;
        robots.lastHeardMillis[r] = nowMillis;
        LOG.log(System.Logger.Level.INFO, "robot {0} returned to service at {1}", robotId,
                map.describe(robots.fleet.cell(r)));
        return new FleetChange(robotId, FleetChange.Outcome.DONE, "returned to service; waiting for its telemetry");
    }

    /** Takes robot {@code r} off its work and opens the cells it kept closed if faulted, before it leaves. */
    void prepareRemoval(int r) {
        if (robots.state[r] == RobotState.FAULTED) {
            routing.reopenFaultCells(r);
        }
        releaseWork(r);
    }

    /**
     * Takes a robot off its work, as when it faults or leaves the fleet: its task goes back to the queue, a pod it
     * carried is listed for recovery, its charger, return target and parking cell are freed. It ends idle.
     */
    private void releaseWork(int r) {
        robots.awaitingSync[r] = false;
        parking.release(robots.ids[r]);
        RobotState state = robots.state[r];
        PickTask lost = robots.task[r];
        if (lost != null) {
            boolean carrying = state == RobotState.CARRYING || state == RobotState.AT_STATION
                    || state == RobotState.RETURNING;
            if (carrying) {
                pods.lose(lost.podId(), robots.fleet.cell(r), robots.ids[r]);
            } else {
                pods.free(lost.podId());
            }
            // A returning robot's line was already picked; only the pod is left to recover.
            if (state != RobotState.RETURNING) {
                assignment.requeue(lost);
            }
        }
        if (state == RobotState.RETURNING) {
            pods.releaseReturnCell(robots.goal[r]);
        } else if (state == RobotState.CHARGING) {
            charging.leaveCharger(r);
        }
        robots.task[r] = null;
        robots.state[r] = RobotState.IDLE;
        robots.goal[r] = GridMap.NONE;
    }
}
