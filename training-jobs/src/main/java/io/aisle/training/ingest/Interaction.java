package io.aisle.training.ingest;

import java.io.Serializable;
import java.util.Objects;

/**
 * One implicit-feedback event from any log shape.
 *
 * @param user user id, or {@code null} for basket files (which have no users)
 * @param item item id, never empty
 * @param basket the basket, order or session this event belongs to; never null (basket files use the
 *     line number, logs without an order column use the user and day)
 * @param timestampMillis epoch milliseconds, or 0 when the log has no time
 * @param category item category, or {@code null}
 * @param rating explicit rating, or {@code NaN} when the log has none
 * @param signal what the event says; every line of basket files and delimited logs is a purchase
 * @param signalWeight how much the event counts in training, in (0, 1]: 1 for purchases, the
 *     {@link SignalWeights} of views and carts (events of weight 0 are not read at all)
 */
public record Interaction(String user, String item, String basket, long timestampMillis, String category,
                          double rating, Signal signal, double signalWeight) implements Serializable {

    public Interaction {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(basket, "basket");
        Objects.requireNonNull(signal, "signal");
        if (!(signalWeight > 0 && signalWeight <= 1)) {
            throw new IllegalArgumentException("signalWeight must be in (0, 1] but was " + signalWeight);
        }
    }

    /** A purchase. */
    public Interaction(String user, String item, String basket, long timestampMillis, String category, double rating) {
        this(user, item, basket, timestampMillis, category, rating, Signal.PURCHASE, 1);
    }

    public boolean isPurchase() {
        return signal == Signal.PURCHASE;
    }
}
