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
 */
public record Interaction(String user, String item, String basket, long timestampMillis, String category,
                          double rating) implements Serializable {

    public Interaction {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(basket, "basket");
    }
}
