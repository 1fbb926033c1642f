package io.aisle.robotics.dispatch;

import java.util.List;

/**
 * Answer to cancelling an order.
 *
 * @param orderId          the order
 * @param outcome          cancelled, or why not; nothing changed when refused
 * @param releasedTaskIds  its tasks taken off the queue or off robots that had not reached their pod yet
 * @param returningPodIds  pods of its tasks that robots were carrying and now take back to storage
 * @param reason           human-readable detail of a refusal naming the order, or empty
 */
public record CancelReceipt(String orderId, Outcome outcome, List<Long> releasedTaskIds, List<Integer> returningPodIds,
                            String reason) {

    /** Cancelled, or why not. */
    public enum Outcome {
        CANCELLED,
        /** No order with this id was submitted. */
        UNKNOWN_ORDER,
        /** It was cancelled before. */
        ALREADY_CANCELLED,
        /** Every line was already picked. */
        ALREADY_COMPLETED
    }

    public CancelReceipt {
        releasedTaskIds = List.copyOf(releasedTaskIds);
        returningPodIds = List.copyOf(returningPodIds);
    }

    public boolean cancelled() {
        return outcome == Outcome.CANCELLED;
    }
}
