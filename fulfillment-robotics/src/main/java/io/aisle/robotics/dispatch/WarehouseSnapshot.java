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
 * @param blockedCells     cells closed by an operator or holding a faulted robot
 * @param podRecoveries    pods left on faulted robots
 */
public record WarehouseSnapshot(long tick, List<RobotView> robots, int queuedTasks, long linesPicked,
                                long ordersCompleted, List<Integer> blockedCells, List<PodRecovery> podRecoveries) {

    public WarehouseSnapshot {
        robots = List.copyOf(robots);
        blockedCells = List.copyOf(blockedCells);
        podRecoveries = List.copyOf(podRecoveries);
    }
}
