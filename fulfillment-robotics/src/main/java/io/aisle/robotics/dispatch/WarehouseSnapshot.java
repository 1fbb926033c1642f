package io.aisle.robotics.dispatch;

import java.util.List;

/**
 * A consistent copy of the dispatcher's state after a tick.
 *
 * @param tick             ticks run so far
 * @param robots           every robot
 * @param queuedTasks      pick tasks waiting for a robot
 * @param linesPicked      order lines picked at stations
 * @param ordersCompleted  orders whose every line was picked
 * @param blockedCells     cells closed to the planner: by an operator or holding a faulted robot, ascending
 * @param closedCells      the cells an operator closed, ascending
 * @param podRecoveries    pods left on faulted robots
 * @param stuckTasks       tasks closed cells keep from going on, as found by the last tick
 * @param lastPlanMicros   wall-clock time the planner took in the last tick, microseconds (0 before the first)
 * @param parkingCells     cells set aside for idle robots, ascending
 * @param ordersCancelled  orders cancelled so far
 * @param missedDeadlines  orders that finished after their deadline or are still open past it, by id
 */
public record WarehouseSnapshot(long tick, List<RobotView> robots, int queuedTasks, long linesPicked,
                                long ordersCompleted, List<Integer> blockedCells, List<Integer> closedCells,
                                List<PodRecovery> podRecoveries, List<StuckTask> stuckTasks, long lastPlanMicros,
                                List<Integer> parkingCells, long ordersCancelled, List<OrderStatus> missedDeadlines) {

    public WarehouseSnapshot {
        parkingCells = List.copyOf(parkingCells);
        missedDeadlines = List.copyOf(missedDeadlines);
        robots = List.copyOf(robots);
        blockedCells = List.copyOf(blockedCells);
        closedCells = List.copyOf(closedCells);
        podRecoveries = List.copyOf(podRecoveries);
        stuckTasks = List.copyOf(stuckTasks);
    }
}
