package io.aisle.robotics.task;

import java.util.List;

/**
 * A WMS order: lines of SKUs to pick.
 *
 * @param orderId the WMS's id, unique per warehouse
 * @param lines   at least one line; copied
 */
public record Order(String orderId, List<OrderLine> lines) {

    public Order {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("orderId must not be blank");
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("order " + orderId + " has no lines");
        }
    }
}
