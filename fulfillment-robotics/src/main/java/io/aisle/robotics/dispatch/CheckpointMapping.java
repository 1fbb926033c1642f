package io.aisle.robotics.dispatch;

import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.task.PickTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The checkpoint phase of the dispatcher: copies the state of every other phase into a {@link DispatcherCheckpoint}
 * and loads one into a new dispatcher, checking that it fits the warehouse. Restored robots wait for their first
 * telemetry; faulted ones close their cells again. The dispatcher's own counters (tick, command sequence, fleet
 * revision) are the caller's.
 *
 * <p>Not thread-safe: owned by the {@link Dispatcher}, under its lock.
 */
final class CheckpointMapping {

    private final WarehouseLayout layout;
    private final GridMap map;
    private final RobotRoster robots;
    private final PodInventory pods;
    private final ClosedCellRouting routing;
    private final ChargingPolicy charging;
    private final ParkingLot parking;
    private final OrderBook orders;
    private final TaskAssignment assignment;
    private final TaskProgress progress;

    CheckpointMapping(WarehouseLayout layout, RobotRoster robots, PodInventory pods, ClosedCellRouting routing,
                      ChargingPolicy charging, ParkingLot parking, OrderBook orders, TaskAssignment assignment,
                      TaskProgress progress) {
        this.layout = layout;
        this.map = layout.map();
        this.robots = robots;
        this.pods = pods;
        this.routing = routing;
        this.charging = charging;
        this.parking = parking;
        this.orders = orders;
        this.assignment = assignment;
        this.progress = progress;
    }

    /** O(robots + pods + queue + orders). */
    DispatcherCheckpoint capture(long tick, long nextSequence, long fleetRevision) {
        List<DispatcherCheckpoint.RobotCheckpoint> saved = new ArrayList<>(robots.size());
        for (int r = 0; r < robots.size(); r++) {
            saved.add(new DispatcherCheckpoint.RobotCheckpoint(robots.ids[r], robots.fleet.cell(r),
                    robots.fleet.heading(r), robots.state[r], robots.battery[r], robots.task[r], robots.goal[r],
                    robots.serviceLeft[r], robots.deliveredCommand(r), robots.batteryReported[r]));
        }
        return new DispatcherCheckpoint(tick, assignment.nextTaskId(), nextSequence, progress.linesPicked(),
                progress.ordersCompleted(), saved, pods.checkpoint(), assignment.queue(), orders.linesLeft(),
                pods.recoveries(), routing.operatorCells(), orders.all(), parking.cells(), fleetRevision);
    }

    /**
     * Loads everything but the caller's counters; the telemetry timeout of every robot counts from
     * {@code nowMillis}.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    void restore(DispatcherCheckpoint checkpoint, long nowMillis) {
        if (checkpoint.fleetRevision() > 0) {
            // Robots were added or removed while the checkpointed dispatcher ran: its robots replace these.
            robots.replaceIds(checkpoint.robots().stream().map(DispatcherCheckpoint.RobotCheckpoint::robotId).toList());
        }
        if (checkpoint.robots().size() != robots.size() || checkpoint.pods().size() != pods.podCount()) {
            throw new IllegalArgumentException("checkpoint has " + checkpoint.robots().size() + " robots and "
                    + checkpoint.pods().size() + " pods but the warehouse has " + robots.size() + " and "
                    + pods.podCount());
        }
        pods.restore(checkpoint.pods(), checkpoint.podRecoveries());
        for (int cell : checkpoint.closedCells()) {
            ClosedCellRouting.requirePassable(map, cell);
            routing.setClosedByOperator(cell, true);
        }
        Arrays.fill(robots.robotAt, -1);
        for (int r = 0; r < robots.size(); r++) {
            restoreRobot(r, checkpoint.robots().get(r), nowMillis);
        }
        robots.resynchronizing = robots.anyAwaitingSync();
        List<PickTask> queue = checkpoint.queue();
        for (PickTask queued : queue) {
            requireTask(queued, "queued task");
        }
        assignment.restore(queue, checkpoint.nextTaskId());
        orders.restore(checkpoint.orders(), checkpoint.linesLeft());
        for (int cell : checkpoint.parkingCells()) {
            ClosedCellRouting.requirePassable(map, cell);
            parking.set(cell, true);
        }
        progress.restoreCounters(checkpoint.linesPicked(), checkpoint.ordersCompleted());
    }

    private void restoreRobot(int r, DispatcherCheckpoint.RobotCheckpoint saved, long nowMillis) {
        if (!saved.robotId().equals(robots.ids[r])) {
            throw new IllegalArgumentException("checkpoint robot " + r + " is " + saved.robotId()
                    + " but the warehouse's is " + robots.ids[r]);
        }
        if (!map.isPassable(saved.cell()) || robots.robotAt[saved.cell()] >= 0 || saved.state() == null
                || saved.heading() < 0 || saved.heading() >= GridMap.DIRECTIONS) {
            throw new IllegalArgumentException("checkpoint robot " + saved.robotId() + " at "
                    + map.describe(saved.cell()) + " heading " + saved.heading()
                    + " is off the map, on another robot or without a state");
        }
        if (saved.task() != null) {
            requireTask(saved.task(), "task of robot " + saved.robotId());
        }
        boolean needsGoal = saved.state() != RobotState.IDLE && saved.state() != RobotState.FAULTED;
        if ((saved.task() == null) != (saved.state() == RobotState.IDLE || saved.state() == RobotState.CHARGING
                || saved.state() == RobotState.FAULTED) || (needsGoal && !map.isPassable(saved.goal()))) {
            throw new IllegalArgumentException("checkpoint robot " + saved.robotId() + " in state " + saved.state()
                    + " has task " + saved.task() + " and goal " + saved.goal());
        }
        robots.fleet.place(r, saved.cell(), saved.heading());
        robots.robotAt[saved.cell()] = r;
        robots.state[r] = saved.state();
        robots.battery[r] = saved.batteryPercent();
        robots.batteryReported[r] = saved.batteryFromTelemetry();
        robots.task[r] = saved.task();
        robots.goal[r] = needsGoal ? saved.goal() : GridMap.NONE;
        robots.serviceLeft[r] = saved.serviceLeft();
        robots.lastHeardMillis[r] = nowMillis;
        RobotCommand command = saved.deliveredCommand();
        if (command != null) {
            if (!map.isPassable(command.targetCell()) || !command.robotId().equals(robots.ids[r])) {
                throw new IllegalArgumentException("checkpoint command of robot " + saved.robotId()
                        + " does not fit: " + command);
            }
            robots.pending[r] = command;
            robots.delivered[r] = true;
            robots.fleet.hold(r, command.targetCell());
        }
        if (saved.state() == RobotState.RETURNING) {
            pods.holdReturnCell(robots.goal[r]);
        } else if (saved.state() == RobotState.CHARGING) {
            charging.holdCharger(robots.goal[r]);
        }
        if (saved.state() == RobotState.FAULTED) {
            routing.closeForFault(saved.cell());
            if (command != null) {
                routing.closeForFault(command.targetCell());
            }
        } else {
            robots.awaitingSync[r] = true;
        }
    }

    private void requireTask(PickTask saved, String what) {
        boolean podOk = saved.podId() == -1 || (saved.podId() >= 0 && saved.podId() < pods.podCount());
        if (!podOk || saved.stationId() < 0 || saved.stationId() >= layout.stations().size()) {
            throw new IllegalArgumentException("checkpoint " + what + " " + saved
                    + " names a pod or station the warehouse does not have");
        }
    }
}
