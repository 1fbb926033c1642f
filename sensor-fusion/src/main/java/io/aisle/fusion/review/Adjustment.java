package io.aisle.fusion.review;

import io.aisle.fusion.cart.Receipt;
import java.util.Objects;

/**
 * An adjusted receipt: a new receipt that takes the place of an earlier one, which stays as it was.
 *
 * @param number the adjusted receipt's own number in the store's receipt sequence
 * @param adjusts the number of the receipt it takes the place of
 * @param decidedAtMillis when the reviewer or the store decided, epoch milliseconds
 * @param note the reviewer's or shopper's words; empty when none were given
 * @param receipt the adjusted receipt: the original's shopper, tracks and exit, the decided lines
 *     (confidence 1: a person decided), no review flag
 */
public record Adjustment(long number, long adjusts, AdjustmentKind kind, long decidedAtMillis, String note,
                         Receipt receipt) {

    public Adjustment {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(receipt, "receipt");
        if (number <= adjusts) {
            throw new IllegalArgumentException("an adjustment is numbered after the receipt it adjusts, but "
                    + number + " <= " + adjusts);
        }
    }
}
