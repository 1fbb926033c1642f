package io.aisle.robotics.dispatch;

import io.aisle.robotics.task.PickTask;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Dispatcher} needs to resume after a restart: orders not finished, task assignments, robot states,
 * pods, closed cells and the counters. Plain values, so an adapter can store them in any format.
 *
 * @param tick            ticks run so far
 * @param nextTaskId      id of the next pick task
 * @param nextSequence    sequence of the next command
 * @param linesPicked     order lines picked at stations
 * @param ordersCompleted orders whose every line was picked
 * @param robots          every robot, in the dispatcher's order
 * @param pods            every pod, by id
 * @param queue           pick tasks waiting for a robot, in queue order
 * @param linesLeft       lines still to pick per submitted order id, 0 for finished orders (kept so that a
 *                        repeated order id is still refused)
 * @param podRecoveries   pods left on faulted robots
 * @param closedCells     cells an operator closed
 * @param orders          every submitted order with its priority, deadline and state; empty in a checkpoint from
 *                        before priorities, whose orders {@code linesLeft} alone describes
 * @param parkingCells    cells set aside for idle robots; empty in older checkpoints
 * @param fleetRevision   robots added or removed while it ran; when above 0, {@code robots} replaces the robots the
 *                        restoring dispatcher was built with; 0 in older checkpoints
 */
public record DispatcherCheckpoint(long tick, long nextTaskId, long nextSequence, long linesPicked,
                                   long ordersCompleted, List<RobotCheckpoint> robots, List<PodCheckpoint> pods,
                                   List<PickTask> queue, Map<String, Integer> linesLeft,
                                   List<PodRecovery> podRecoveries, List<Integer> closedCells,
                                   List<OrderStatus> orders, List<Integer> parkingCells, Long fleetRevision) {

    // The fields older checkpoints lack are nullable boxes, so that a stored checkpoint without them still reads.
    public DispatcherCheckpoint {
        fleetRevision = fleetRevision == null ? 0L : fleetRevision;
        orders = orders == null ? List.of() : List.copyOf(orders);
        parkingCells = parkingCells == null ? List.of() : List.copyOf(parkingCells);
        robots = List.copyOf(robots);
        pods = List.copyOf(pods);
        queue = List.copyOf(queue);
        linesLeft = Map.copyOf(linesLeft);
        podRecoveries = List.copyOf(podRecoveries);
        closedCells = List.copyOf(closedCells);
    }

    /**
     * One robot.
     *
     * @param robotId          id
     * @param cell             confirmed cell
     * @param heading          confirmed heading
     * @param state            what it was doing
     * @param batteryPercent   modelled charge
     * @param task             its pick task, or null
     * @param goal             the cell it was driving to, or -1
     * @param serviceLeft      ticks of picking left at a station
     * @param deliveredCommand a command it received but had not confirmed, or null: it may be in either cell
     * @param batteryFromTelemetry whether the charge is the robot's own reading rather than modelled; false in
     *                         older checkpoints
     */
    public record RobotCheckpoint(String robotId, int cell, int heading, RobotState state, double batteryPercent,
                                  PickTask task, int goal, int serviceLeft, RobotCommand deliveredCommand,
                                  Boolean batteryFromTelemetry) {

        public RobotCheckpoint {
            batteryFromTelemetry = batteryFromTelemetry != null && batteryFromTelemetry;
        }
    }

    /**
     * One pod.
     *
     * @param podId id
     * @param cell  the storage cell it stands on, or -1 while a robot carries it
     * @param busy  whether a task holds it
     * @param lost  whether it is on a faulted robot
     */
    public record PodCheckpoint(int podId, int cell, boolean busy, boolean lost) {
    }
}
