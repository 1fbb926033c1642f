package io.aisle.robotics.dispatch;

import java.util.List;

/**
 * Answer to an order submission.
 *
 * @param orderId the order
 * @param outcome accepted, or why not; nothing was queued when refused
 * @param taskIds one pick task per line, when accepted
 * @param reason  human-readable detail of a refusal naming the order or SKU, or empty
 */
public record OrderReceipt(String orderId, Outcome outcome, List<Long> taskIds, String reason) {

    /** Accepted, or why not. */
    public enum Outcome {
        /** Every line is queued as a pick task. */
        ACCEPTED,
        /** The order id was submitted before (finished or not); the first submission stands. */
        DUPLICATE_ORDER,
        /** A line's SKU is on no pod that can be fetched. */
        SKU_NOT_STOCKED
    }

    public OrderReceipt {
        taskIds = List.copyOf(taskIds);
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
