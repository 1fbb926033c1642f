package io.aisle.robotics.dispatch;

import io.aisle.robotics.task.Order;

/**
 * Where one submitted order stands.
 *
 * @param orderId             the WMS's id
 * @param priority            higher is served first
 * @param deadlineEpochMillis when it should be finished, or {@link Order#NO_DEADLINE}
 * @param linesLeft           lines not picked yet (when cancelled: those that were left)
 * @param state               open, completed or cancelled
 * @param finishedEpochMillis when it was completed or cancelled, 0 while open
 */
public record OrderStatus(String orderId, int priority, long deadlineEpochMillis, int linesLeft, State state,
                          long finishedEpochMillis) {

    /** Open, completed or cancelled. */
    public enum State { OPEN, COMPLETED, CANCELLED }

    public OrderStatus {
        if (state == null) {
            throw new IllegalArgumentException("order " + orderId + " has no state");
        }
    }

    /** Whether it has a deadline and missed it: finished after it, or still open at {@code nowEpochMillis}. */
    public boolean missedDeadline(long nowEpochMillis) {
        if (deadlineEpochMillis == Order.NO_DEADLINE || state == State.CANCELLED) {
            return false;
        }
        return state == State.OPEN ? nowEpochMillis > deadlineEpochMillis : finishedEpochMillis > deadlineEpochMillis;
    }

    OrderStatus withLinePicked(long nowEpochMillis) {
        int left = linesLeft - 1;
        return new OrderStatus(orderId, priority, deadlineEpochMillis, left, left == 0 ? State.COMPLETED : state,
                left == 0 ? nowEpochMillis : finishedEpochMillis);
    }

    OrderStatus cancelled(long nowEpochMillis) {
        return new OrderStatus(orderId, priority, deadlineEpochMillis, linesLeft, State.CANCELLED, nowEpochMillis);
    }
}
