package io.aisle.serving.events;

import java.util.Locale;
import java.util.Optional;

/** What a shopper did with an item on the storefront. */
public enum EventType {
    VIEW, CART, PURCHASE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EventType> fromWireName(String wireName) {
        for (EventType type : values()) {
            if (type.wireName().equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
