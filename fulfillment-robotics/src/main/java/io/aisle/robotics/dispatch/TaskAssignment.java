package io.aisle.robotics.dispatch;

import io.aisle.robotics.layout.Station;
import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.task.Order;
import io.aisle.robotics.task.OrderLine;
import io.aisle.robotics.task.PickTask;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The task-assignment phase of the dispatcher: turns order lines into queued pick tasks, gives each queued task a
 * pod and the idle robot nearest it, lets a closer idle robot take over a task whose robot has not reached the pod,
 * and drops the tasks of a cancelled order.
 *
 * <p>Not thread-safe: owned by the {@link Dispatcher}, under its lock.
 */
final class TaskAssignment {

    /** Moves an idle robot must be closer to a pod by before it takes the task over from the robot on its way. */
    private static final int OUTBID_MARGIN = 4;
    private static final int UNREACHABLE = ClosedCellRouting.UNREACHABLE;

    private final WarehouseLayout layout;
    private final RobotRoster robots;
    private final PodInventory pods;
    private final ClosedCellRouting routing;
    private final ChargingPolicy charging;
    private final ParkingLot parking;
    private final OrderBook orders;
    private final ArrayDeque<PickTask> queue = new ArrayDeque<>();
    private long nextTaskId = 1;

    TaskAssignment(WarehouseLayout layout, RobotRoster robots, PodInventory pods, ClosedCellRouting routing,
                   ChargingPolicy charging, ParkingLot parking, OrderBook orders) {
        this.layout = layout;
        this.robots = robots;
        this.pods = pods;
        this.routing = routing;
        this.charging = charging;
        this.parking = parking;
        this.orders = orders;
    }

    /**
     * Queues one pick task per order line, stations taken in turn by task id. Refused as a whole, with nothing
     * queued, when a SKU is on no available pod or the order id was already submitted.
     */
    OrderReceipt submit(Order order) {
        if (orders.contains(order.orderId())) {
            return new OrderReceipt(order.orderId(), OrderReceipt.Outcome.DUPLICATE_ORDER, List.of(),
                    "order " + order.orderId() + " already submitted");
        }
        for (OrderLine line : order.lines()) {
            if (!pods.stockedAnywhere(line.sku())) {
                return new OrderReceipt(order.orderId(), OrderReceipt.Outcome.SKU_NOT_STOCKED, List.of(),
                        "sku " + line.sku() + " is on no pod");
            }
        }
        List<Long> ids = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            Station station = layout.stations().get((int) (nextTaskId % layout.stations().size()));
            PickTask pickTask = new PickTask(nextTaskId++, order.orderId(), line.sku(), line.quantity(), -1,
                    station.id());
            queue.add(pickTask);
            ids.add(pickTask.taskId());
        }
        orders.open(order);
        return new OrderReceipt(order.orderId(), OrderReceipt.Outcome.ACCEPTED, ids, "");
    }

    /** A task goes back to the front of the queue, without its pod, for any robot. */
    void requeue(PickTask task) {
        queue.addFirst(task.withPod(-1));
    }

    int queued() {
        return queue.size();
    }

    /** The queued tasks, in queue order. */
    List<PickTask> queue() {
        return List.copyOf(queue);
    }

    long nextTaskId() {
        return nextTaskId;
    }

    /** Loads a checkpoint's queue and task counter. */
    void restore(List<PickTask> savedQueue, long savedNextTaskId) {
        queue.addAll(savedQueue);
        nextTaskId = savedNextTaskId;
    }

    /** Whether the robot may take a task: idle, with charge enough. */
    boolean isAvailable(int r) {
        return robots.state[r] == RobotState.IDLE && charging.canWork(r);
    }

    /**
     * Gives each queued task a pod (the available one holding the SKU nearest its station) and the idle robot
     * nearest that pod by true distance; then lets an idle robot take over a task whose robot has not reached
     * the pod yet when it is closer by a margin. Tasks no robot or pod can be brought together for are added to
     * {@code stuck}. Cost per tick: O(queued tasks * (pods + robots)) plus one distance search per newly used pod
     * cell; a task that closed cells cut off from its station tries every station, O(stations * pods) more each
     * tick until it is placed.
     */
    void assign(List<StuckTask> stuck) {
        int idle = 0;
        for (int r = 0; r < robots.size(); r++) {
            if (isAvailable(r)) {
                idle++;
            }
        }
        for (Iterator<PickTask> it = orders.servingOrder(queue).iterator(); it.hasNext() && idle > 0; ) {
            PickTask next = it.next();
            PickTask placed = pods.placeOnPod(next);
            if (placed == null) {
                if (pods.hasAvailablePod(next.sku())) {
                    stuck.add(new StuckTask(next.taskId(), next.orderId(), "", StuckTask.Reason.POD_UNREACHABLE));
                }
                continue;
            }
            int podCell = pods.cellOf(placed.podId());
            int best = nearestAvailableRobot(routing.table(podCell));
            if (best < 0) {
                best = nearestAvailableRobot(routing.freshTable(podCell));
            }
            if (best < 0) {
                // Closed cells keep every idle robot from the pod. A busy robot that can reach it will take the
                // task when it is free; only when none can is the task stuck.
                if (!anyRobotReaches(routing.freshTable(podCell))) {
                    stuck.add(new StuckTask(next.taskId(), next.orderId(), "", StuckTask.Reason.POD_UNREACHABLE));
                }
                continue;
            }
            queue.remove(next);
            start(best, placed);
            idle--;
        }
        if (idle > 0) {
            outbid();
        }
    }

    /** An idle robot closer to a pod by the margin takes the task of a robot on its way to it. */
    private void outbid() {
        for (int other = 0; other < robots.size(); other++) {
            if (robots.state[other] != RobotState.TO_POD || robots.deliveredCommand(other) != null) {
                continue;
            }
            // The pod cell is this robot's goal, so its table is already cached.
            char[] table = routing.table(pods.cellOf(robots.task[other].podId()));
            int theirs = routing.distanceTo(table, robots.fleet.cell(other));
            for (int r = 0; r < robots.size(); r++) {
                if (isAvailable(r) && (long) routing.distanceTo(table, robots.fleet.cell(r)) + OUTBID_MARGIN < theirs) {
                    PickTask taken = robots.task[other];
                    robots.task[other] = null;
                    robots.state[other] = RobotState.IDLE;
                    robots.goal[other] = GridMap.NONE;
                    start(r, taken);
                    break;
                }
            }
        }
    }

    /** The available robot nearest by a goal's table, or -1 when none can reach the goal. */
    private int nearestAvailableRobot(char[] table) {
        int best = -1;
        int bestDistance = UNREACHABLE;
        for (int r = 0; r < robots.size(); r++) {
            if (isAvailable(r)) {
                int d = routing.distanceTo(table, robots.fleet.cell(r));
                if (d < bestDistance) {
                    best = r;
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    private boolean anyRobotReaches(char[] table) {
        for (int r = 0; r < robots.size(); r++) {
            if (robots.state[r] != RobotState.FAULTED && routing.distanceTo(table, robots.fleet.cell(r)) != UNREACHABLE) {
                return true;
            }
        }
        return false;
    }

    private void start(int r, PickTask pickTask) {
        parking.release(robots.ids[r]);
        pods.reserve(pickTask.podId());
        robots.task[r] = pickTask;
        robots.state[r] = RobotState.TO_POD;
        robots.goal[r] = pods.cellOf(pickTask.podId());
    }

    /**
     * Cancels an open order at {@code nowEpochMillis}: its queued tasks and those whose robot has not reached the
     * pod are dropped (the robots are free for other work), and a robot carrying one of its pods takes it back to
     * storage unpicked. Refused, changing nothing, for an unknown, completed or already cancelled order.
     */
    CancelReceipt cancel(String orderId, long nowEpochMillis) {
        OrderStatus status = orders.find(orderId).orElse(null);
        if (status == null) {
            return new CancelReceipt(orderId, CancelReceipt.Outcome.UNKNOWN_ORDER, List.of(), List.of(),
                    "no order " + orderId);
        }
        switch (status.state()) {
            case CANCELLED -> {
                return new CancelReceipt(orderId, CancelReceipt.Outcome.ALREADY_CANCELLED, List.of(), List.of(),
                        "order " + orderId + " is already cancelled");
            }
            case COMPLETED -> {
                return new CancelReceipt(orderId, CancelReceipt.Outcome.ALREADY_COMPLETED, List.of(), List.of(),
                        "order " + orderId + " is already completed");
            }
            default -> { }
        }
        List<Long> released = new ArrayList<>();
        List<Integer> returning = new ArrayList<>();
        for (Iterator<PickTask> it = queue.iterator(); it.hasNext(); ) {
            PickTask queued = it.next();
            if (queued.orderId().equals(orderId)) {
                it.remove();
                released.add(queued.taskId());
            }
        }
        for (int r = 0; r < robots.size(); r++) {
            PickTask task = robots.task[r];
            if (task == null || !task.orderId().equals(orderId)) {
                continue;
            }
            switch (robots.state[r]) {
                case TO_POD -> {
                    released.add(task.taskId());
                    pods.free(task.podId());
                    robots.task[r] = null;
                    robots.state[r] = RobotState.IDLE;
                    robots.goal[r] = GridMap.NONE;
                }
                case CARRYING, AT_STATION -> {
                    returning.add(task.podId());
                    robots.state[r] = RobotState.RETURNING;
                    robots.goal[r] = pods.reserveReturnCell(task.podId(), robots.fleet.cell(r));
                }
                default -> { }
            }
        }
        orders.cancel(orderId, nowEpochMillis);
        return new CancelReceipt(orderId, CancelReceipt.Outcome.CANCELLED, released, returning, "");
    }
}
