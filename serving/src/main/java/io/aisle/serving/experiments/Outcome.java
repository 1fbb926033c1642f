package io.aisle.serving.experiments;

import io.aisle.serving.events.EventType;
import java.util.Locale;

/** What an impression can lead to: a view of a recommended item (a click), a cart or a purchase of one. */
public enum Outcome {
    CLICK, CART, PURCHASE;

    /** The plural the report and the counters use: {@code clicks}, {@code carts}, {@code purchases}. */
    public String plural() {
        return name().toLowerCase(Locale.ROOT) + "s";
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Outcome of(EventType type) {
        return switch (type) {
            case VIEW -> CLICK;
            case CART -> CART;
            case PURCHASE -> PURCHASE;
        };
    }
}
