package io.aisle.serving.store;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import java.io.Serializable;
import java.util.List;

/**
 * A receipt as the API shows it.
 *
 * @param seq the store's receipt sequence number, from 1, gap-free: the cursor of {@code receipts?since=}
 * @param exitMillis event time the shopper entered the exit zone; null when they never reached it
 * @param issuedAtMillis event time of the latest input seen when the receipt was issued
 */
public record ReceiptView(long seq, String shopper, List<String> trackIds, Long exitMillis, long issuedAtMillis,
                          List<ReceiptLine> lines, boolean needsReview, List<String> reviewReasons) implements Serializable {

    public ReceiptView {
        trackIds = List.copyOf(trackIds);
        lines = List.copyOf(lines);
        reviewReasons = List.copyOf(reviewReasons);
    }

    static ReceiptView of(long seq, Receipt receipt) {
        return new ReceiptView(seq, receipt.shopperId(), receipt.trackIds(),
                receipt.exitMillis() == Long.MIN_VALUE ? null : receipt.exitMillis(), receipt.issuedAtMillis(),
                receipt.lines(), receipt.needsReview(), receipt.reviewReasons());
    }
}
