package io.aisle.robotics.task;

import java.util.List;

/**
 * A WMS order: lines of SKUs to pick.
 *
 * @param orderId             the WMS's id, unique per warehouse
 * @param lines               at least one line; copied
 * @param priority            higher is served first; orders of equal priority by earlier deadline, then in arrival
 *                            order; 0 by default
 * @param deadlineEpochMillis when the order should be finished, milliseconds since the epoch by the dispatcher's
 *                            clock, or {@link #NO_DEADLINE}
 */
public record Order(String orderId, List<OrderLine> lines, int priority, long deadlineEpochMillis) {

    /** An order with no deadline. */
    public static final long NO_DEADLINE = 0;

    public Order {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("orderId must not be blank");
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("order " + orderId + " has no lines");
        }
        if (deadlineEpochMillis < 0) {
            throw new IllegalArgumentException("deadlineEpochMillis must be >= 0 but was " + deadlineEpochMillis);
        }
    }

    /** An order of priority 0 without a deadline. */
    public Order(String orderId, List<OrderLine> lines) {
        this(orderId, lines, 0, NO_DEADLINE);
    }

    public boolean hasDeadline() {
        return deadlineEpochMillis != NO_DEADLINE;
    }
}
