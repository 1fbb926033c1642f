package io.aisle.robotics.dispatch;

import io.aisle.robotics.map.GridMap;
import java.time.Clock;
import java.util.Optional;

/**
 * The telemetry-handshake phase of the dispatcher: a command is handed out only once its target cell is free of
 * other robots by confirmed positions, is binding from then on (the planner keeps both cells), and is done when the
 * robot's telemetry reports its target pose. A robot waiting for its first telemetry after a restart or a repair is
 * taken at the pose it reports when no other robot holds that cell, and faulted otherwise.
 *
 * <p>Not thread-safe: owned by the {@link Dispatcher}, under its lock.
 */
final class TelemetryHandshake {

    private static final System.Logger LOG = System.getLogger(TelemetryHandshake.class.getName());

    private final GridMap map;
    private final Clock clock;
    private final RobotRoster robots;
    private final ClosedCellRouting routing;
    private final ChargingPolicy charging;
    private final FaultHandling faults;

    TelemetryHandshake(GridMap map, Clock clock, RobotRoster robots, ClosedCellRouting routing,
                       ChargingPolicy charging, FaultHandling faults) {
        this.map = map;
        this.clock = clock;
        this.robots = robots;
        this.routing = routing;
        this.charging = charging;
        this.faults = faults;
    }

    /**
     * Checks a robot's reported pose. Accepted when it is the confirmed pose or the target of the robot's
     * delivered command (which it then confirms). Never changes any other robot.
     */
    TelemetryResult accept(Telemetry report) {
        int r = robots.find(report.robotId());
        if (r < 0) {
            return refuse(TelemetryResult.Outcome.UNKNOWN_ROBOT, "unknown robot " + report.robotId());
        }
        if (!map.isPassable(report.cell()) || report.heading() < 0 || report.heading() > 3) {
            return refuse(TelemetryResult.Outcome.INVALID_POSE, "robot " + report.robotId() + " reported cell "
                    + map.describe(report.cell()) + " heading " + report.heading() + ", not a free cell and heading");
        }
        Double reported = report.batteryPercent();
        if (reported != null && !(reported >= 0 && reported <= 100)) {
            return refuse(TelemetryResult.Outcome.INVALID_BATTERY, "robot " + report.robotId() + " reported battery "
                    + reported + ", not a percentage in [0, 100]");
        }
        if (robots.state[r] == RobotState.FAULTED) {
            return refuse(TelemetryResult.Outcome.ROBOT_FAULTED, "robot " + report.robotId() + " is faulted");
        }
        boolean unchanged = report.cell() == robots.fleet.cell(r) && report.heading() == robots.fleet.heading(r);
        RobotCommand command = robots.deliveredCommand(r);
        boolean arrived = command != null && report.cell() == command.targetCell()
                && report.heading() == command.targetHeading();
        if (robots.awaitingSync[r] && !unchanged && !arrived) {
            TelemetryResult result = resynchronize(r, report);
            if (result.accepted()) {
                charging.readBattery(r, reported);
            }
            return result;
        }
        robots.awaitingSync[r] = false;
        if (!unchanged && !arrived) {
            return refuse(TelemetryResult.Outcome.UNEXPECTED_POSE, "robot " + report.robotId() + " reported "
                    + map.describe(report.cell()) + " but is at " + map.describe(robots.fleet.cell(r))
                    + (command != null ? " commanded to " + map.describe(command.targetCell()) : ""));
        }
        robots.lastHeardMillis[r] = clock.millis();
        if (arrived) {
            robots.confirmPose(r, command.targetCell(), command.targetHeading());
            charging.drainForMove(r);
        }
        charging.readBattery(r, reported);
        return new TelemetryResult(TelemetryResult.Outcome.ACCEPTED, "ok");
    }

    /**
     * First telemetry after a restore from a pose the checkpoint does not have: the robot moved after the
     * checkpoint was taken. Taken at the reported pose when no other robot stands on that cell, was sent into it or
     * is faulted there; faulted otherwise, because then two robots may be in one cell. A cell an operator closed
     * is no conflict: the robot is taken there and leaves it like any robot caught on a closing cell.
     */
    private TelemetryResult resynchronize(int r, Telemetry report) {
        int cell = report.cell();
        if (robots.resynchronizing) {
            releaseHeldPlaces(r, cell);
        }
        boolean taken = (robots.robotAt[cell] >= 0 && robots.robotAt[cell] != r) || routing.isClosedByFault(cell)
                || robots.heldByOther(cell, r);
        if (taken) {
            String conflict = "reported " + map.describe(cell) + " after a restart, a cell another robot holds";
            faults.fault(r, conflict);
            return refuse(TelemetryResult.Outcome.ROBOT_FAULTED, "robot " + report.robotId() + " " + conflict
                    + ": faulted");
        }
        robots.awaitingSync[r] = false;
        robots.lastHeardMillis[r] = clock.millis();
        robots.confirmPose(r, cell, report.heading());
        LOG.log(System.Logger.Level.INFO, "robot {0} taken at {1} after a restart", robots.ids[r], map.describe(cell));
        return new TelemetryResult(TelemetryResult.Outcome.ACCEPTED, "taken at " + map.describe(cell)
                + " after a restart");
    }

    /**
     * While the fleet resynchronizes after a restore, a cell that only a robot still awaiting its telemetry holds
     * (its checkpoint cell, or the target of a command it was given) is no conflict: that robot has moved on, or
     * it could not be where {@code r} stands. It gets {@code r}'s old place to wait in, or forgets the command.
     */
    private void releaseHeldPlaces(int r, int cell) {
        int occupant = robots.robotAt[cell];
        if (occupant >= 0 && occupant != r && robots.awaitingSync[occupant] && robots.state[occupant] != RobotState.FAULTED) {
            robots.swapPlaces(r, occupant);
        }
        for (int other = 0; other < robots.size(); other++) {
            if (other != r && robots.fleet.heldTarget(other) == cell && robots.awaitingSync[other]
                    && robots.state[other] != RobotState.FAULTED) {
                robots.forgetCommand(other);
            }
        }
    }

    private static TelemetryResult refuse(TelemetryResult.Outcome outcome, String message) {
        LOG.log(System.Logger.Level.WARNING, "telemetry refused: {0}", message);
        return new TelemetryResult(outcome, message);
    }

    /**
     * The robot's current command, once it is safe to execute: its target cell is free of other robots by
     * confirmed positions. Returns the same command again until the robot confirms it; empty when there is
     * none or it must wait.
     */
    Optional<RobotCommand> nextCommand(String robotId) {
        int r = robots.find(robotId);
        if (r < 0 || robots.pending[r] == null) {
            return Optional.empty();
        }
        if (robots.resynchronizing && robots.awaitingSync[r]) {
            // The command is the checkpoint's: the robot may have executed it and driven on since, so it would now
            // start it from another cell. Its first report settles it (confirmed, or forgotten if it moved elsewhere).
            return Optional.empty();
        }
        RobotCommand command = robots.pending[r];
        int occupant = robots.robotAt[command.targetCell()];
        if (!robots.delivered[r] && occupant >= 0 && occupant != r) {
            return Optional.empty();
        }
        robots.delivered[r] = true;
        robots.fleet.hold(r, command.targetCell());
        return Optional.of(command);
    }
}
