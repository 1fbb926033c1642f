package io.aisle.robotics.dispatch;

import io.aisle.robotics.task.Order;
import io.aisle.robotics.task.PickTask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order-intake phase of the dispatcher: every order submitted (kept after it finishes, so a repeated id is
 * still refused), its priority and deadline, the lines left and whether it was cancelled; and the order in which
 * queued tasks are offered to robots.
 *
 * <p>Not thread-safe: owned by the {@link Dispatcher}, under its lock.
 */
final class OrderBook {

    private final Map<String, OrderStatus> orders = new HashMap<>();

    boolean contains(String orderId) {
        return orders.containsKey(orderId);
    }

    Optional<OrderStatus> find(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    void open(Order order) {
        orders.put(order.orderId(), new OrderStatus(order.orderId(), order.priority(), order.deadlineEpochMillis(),
                order.lines().size(), OrderStatus.State.OPEN, 0));
    }

    /** Counts a picked line; returns whether that completed the order. */
    boolean linePicked(String orderId, long nowEpochMillis) {
        OrderStatus status = orders.get(orderId).withLinePicked(nowEpochMillis);
        orders.put(orderId, status);
        return status.state() == OrderStatus.State.COMPLETED;
    }

    void cancel(String orderId, long nowEpochMillis) {
        orders.put(orderId, orders.get(orderId).cancelled(nowEpochMillis));
    }

    boolean isCancelled(String orderId) {
        OrderStatus status = orders.get(orderId);
        return status != null && status.state() == OrderStatus.State.CANCELLED;
    }

    /**
     * Queued tasks in the order robots should take them: higher priority first, then the earlier deadline (none
     * last), then queue order. A stable sort of a copy, O(q log q) per tick; the queue itself keeps arrival order.
     */
    List<PickTask> servingOrder(Collection<PickTask> queue) {
        List<PickTask> sorted = new ArrayList<>(queue);
        sorted.sort(Comparator.comparingInt((PickTask task) -> -priorityOf(task.orderId()))
                .thenComparingLong(task -> deadlineRank(task.orderId())));
        return sorted;
    }

    private int priorityOf(String orderId) {
        OrderStatus status = orders.get(orderId);
        return status == null ? 0 : status.priority();
    }

    private long deadlineRank(String orderId) {
        OrderStatus status = orders.get(orderId);
        return status == null || status.deadlineEpochMillis() == Order.NO_DEADLINE ? Long.MAX_VALUE
                : status.deadlineEpochMillis();
    }

    /** Orders with a deadline they missed by {@code nowEpochMillis}, by id. */
    List<OrderStatus> missedDeadlines(long nowEpochMillis) {
        return orders.values().stream().filter(status -> status.missedDeadline(nowEpochMillis))
                .sorted(Comparator.comparing(OrderStatus::orderId)).toList();
    }

    long cancelledCount() {
        return orders.values().stream().filter(status -> status.state() == OrderStatus.State.CANCELLED).count();
    }

    /** Every order, by id, for a checkpoint. */
    List<OrderStatus> all() {
        return orders.values().stream().sorted(Comparator.comparing(OrderStatus::orderId)).toList();
    }

    /** Lines left per order id, the form older checkpoints hold. */
    Map<String, Integer> linesLeft() {
        Map<String, Integer> left = new HashMap<>();
        orders.forEach((id, status) -> left.put(id, status.linesLeft()));
        return left;
    }

    /**
     * Loads a checkpoint's orders; an order only in {@code linesLeft} (a checkpoint from before priorities) is
     * open, or completed when no line is left, with priority 0 and no deadline.
     */
    void restore(List<OrderStatus> saved, Map<String, Integer> linesLeft) {
        for (OrderStatus status : saved) {
            orders.put(status.orderId(), status);
        }
        linesLeft.forEach((id, left) -> orders.computeIfAbsent(id, missing -> new OrderStatus(id, 0, Order.NO_DEADLINE,
                left, left == 0 ? OrderStatus.State.COMPLETED : OrderStatus.State.OPEN, 0)));
    }

    boolean isEmpty() {
        return orders.isEmpty();
    }
}
