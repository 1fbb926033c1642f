package io.aisle.serving.warehouse;

import io.aisle.robotics.dispatch.OrderStatus;
import io.aisle.robotics.dispatch.PodRecovery;
import io.aisle.robotics.dispatch.RobotView;
import io.aisle.robotics.dispatch.StuckTask;
import io.aisle.robotics.dispatch.WarehouseSnapshot;
import java.util.List;

/**
 * The body of {@code GET /v1/warehouses/{w}/state}: a dispatcher snapshot with the map's size, so cells
 * ({@code row * width + col}) can be drawn, and the planner's time in the last tick, milliseconds. Orders past their
 * deadline are listed with {@code deadlineEpochMillis} and {@code finishedEpochMillis} (0 while open).
 */
public record WarehouseState(String warehouse, int width, int height, long tick, List<RobotView> robots,
                             int queuedTasks, long linesPicked, long ordersCompleted, List<Integer> blockedCells,
                             List<Integer> closedCells, List<PodRecovery> podRecoveries, List<StuckTask> stuckTasks,
                             double lastPlanMillis, List<Integer> parkingCells, long ordersCancelled,
                             List<OrderStatus> missedDeadlines) {

    public WarehouseState {
        robots = List.copyOf(robots);
        blockedCells = List.copyOf(blockedCells);
        closedCells = List.copyOf(closedCells);
        podRecoveries = List.copyOf(podRecoveries);
        stuckTasks = List.copyOf(stuckTasks);
        parkingCells = List.copyOf(parkingCells);
        missedDeadlines = List.copyOf(missedDeadlines);
    }

    static WarehouseState of(RegisteredWarehouse warehouse, WarehouseSnapshot snapshot) {
        return new WarehouseState(warehouse.key().warehouse(), warehouse.spec().map().width(),
                warehouse.spec().map().height(), snapshot.tick(), snapshot.robots(), snapshot.queuedTasks(),
                snapshot.linesPicked(), snapshot.ordersCompleted(), snapshot.blockedCells(), snapshot.closedCells(),
                snapshot.podRecoveries(), snapshot.stuckTasks(), snapshot.lastPlanMicros() / 1000.0,
                snapshot.parkingCells(), snapshot.ordersCancelled(), snapshot.missedDeadlines());
    }
}
