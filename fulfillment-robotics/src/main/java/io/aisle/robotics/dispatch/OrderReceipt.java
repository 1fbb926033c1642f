package io.aisle.robotics.dispatch;

import java.util.List;

/**
 * Answer to an order submission.
 *
 * @param orderId the order
 * @param accepted false when refused; nothing was queued then
 * @param taskIds one pick task per line, when accepted
 * @param reason  why it was refused, or empty
 */
public record OrderReceipt(String orderId, boolean accepted, List<Long> taskIds, String reason) {

    public OrderReceipt {
        taskIds = List.copyOf(taskIds);
    }
}
