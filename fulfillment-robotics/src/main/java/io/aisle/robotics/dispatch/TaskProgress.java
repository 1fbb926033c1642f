package io.aisle.robotics.dispatch;

import io.aisle.robotics.layout.Station;
import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.task.PickTask;
import java.time.Clock;
import java.util.List;

/**
 * The task-progress phase of the dispatcher: moves each robot's state machine on from its confirmed pose (pod
 * lifted, at the station, line picked, pod set down, charged), and keeps its goal reachable after cells closed.
 * Counts the lines picked and the orders completed.
 *
 * <p>Not thread-safe: owned by the {@link Dispatcher}, under its lock.
 */
final class TaskProgress {

    private static final int UNREACHABLE = ClosedCellRouting.UNREACHABLE;

    private final WarehouseLayout layout;
    private final Clock clock;
    private final RobotRoster robots;
    private final PodInventory pods;
    private final ClosedCellRouting routing;
    private final ChargingPolicy charging;
    private final ParkingLot parking;
    private final OrderBook orders;
    private final TaskAssignment assignment;
    private long linesPicked;
    private long ordersCompleted;

    TaskProgress(WarehouseLayout layout, Clock clock, RobotRoster robots, PodInventory pods, ClosedCellRouting routing,
                 ChargingPolicy charging, ParkingLot parking, OrderBook orders, TaskAssignment assignment) {
        this.layout = layout;
        this.clock = clock;
        this.robots = robots;
        this.pods = pods;
        this.routing = routing;
        this.charging = charging;
        this.parking = parking;
        this.orders = orders;
        this.assignment = assignment;
    }

    long linesPicked() {
        return linesPicked;
    }

    long ordersCompleted() {
        return ordersCompleted;
    }

    void restoreCounters(long savedLinesPicked, long savedOrdersCompleted) {
        linesPicked = savedLinesPicked;
        ordersCompleted = savedOrdersCompleted;
    }

    /** Moves a robot's state machine on from its confirmed pose. */
    void advance(int r) {
        int here = robots.fleet.cell(r);
        PickTask task = robots.task[r];
        switch (robots.state[r]) {
            case TO_POD -> {
                if (here == pods.cellOf(task.podId())) {
                    pods.pickUp(task.podId());
                    robots.state[r] = RobotState.CARRYING;
                    robots.goal[r] = layout.stations().get(task.stationId()).cell();
                }
            }
            case CARRYING -> {
                Station station = layout.stations().get(task.stationId());
                if (here == station.cell()) {
                    robots.state[r] = RobotState.AT_STATION;
                    robots.serviceLeft[r] = station.serviceSteps();
                }
            }
            case AT_STATION -> {
                if (--robots.serviceLeft[r] <= 0) {
                    linesPicked++;
                    if (orders.linePicked(task.orderId(), clock.millis())) {
                        ordersCompleted++;
                    }
                    robots.state[r] = RobotState.RETURNING;
                    robots.goal[r] = pods.reserveReturnCell(task.podId(), here);
                }
            }
            case RETURNING -> {
                if (here == robots.goal[r]) {
                    pods.putDown(task.podId(), here);
                    robots.task[r] = null;
                    robots.state[r] = RobotState.IDLE;
                    robots.goal[r] = GridMap.NONE;
                }
            }
            case CHARGING -> charging.chargeOneTick(r);
            case IDLE -> {
                if (charging.sendToChargeIfLow(r)) {
                    parking.release(robots.ids[r]);
                }
            }
            default -> { }
        }
    }

    /**
     * Keeps a robot's goal reachable after cells closed: a pod no route reaches goes back to the queue for another
     * robot or pod, a carried pod goes to another station, a returned pod to another storage cell, a charging
     * robot gives up its charger. Returns false, and adds the task to {@code stuck}, when nothing reachable is
     * left. Costs one array lookup per robot while its goal stays reachable (the planner caches the goal's table).
     */
    boolean reroute(int r, List<StuckTask> stuck) {
        int here = robots.fleet.cell(r);
        int goal = robots.goal[r];
        if (goal == GridMap.NONE || robots.state[r] == RobotState.AT_STATION
                || routing.distanceTo(goal, here) != UNREACHABLE) {
            return true;
        }
        PickTask task = robots.task[r];
        switch (robots.state[r]) {
            case TO_POD -> {
                pods.free(task.podId());
                assignment.requeue(task);
                robots.task[r] = null;
                robots.state[r] = RobotState.IDLE;
                robots.goal[r] = GridMap.NONE;
                return true;
            }
            case CARRYING -> {
                for (Station station : layout.stations()) {
                    if (routing.distanceTo(station.cell(), here) != UNREACHABLE) {
                        robots.task[r] = task.withStation(station.id());
                        robots.goal[r] = station.cell();
                        return true;
                    }
                }
                stuck.add(new StuckTask(task.taskId(), task.orderId(), robots.ids[r],
                        StuckTask.Reason.STATION_UNREACHABLE));
                return false;
            }
            case RETURNING -> {
                int storage = pods.reachableStorageCell(here);
                if (storage == GridMap.NONE) {
                    stuck.add(new StuckTask(task.taskId(), task.orderId(), robots.ids[r],
                            StuckTask.Reason.STORAGE_UNREACHABLE));
                    // Keeps (and still reserves) the old target, so it goes there once a route opens.
                    return false;
                }
                pods.releaseReturnCell(goal);
                pods.holdReturnCell(storage);
                robots.goal[r] = storage;
                return true;
            }
            case CHARGING -> {
                charging.leaveCharger(r);
                return true;
            }
            default -> {
                return true;
            }
        }
    }
}
