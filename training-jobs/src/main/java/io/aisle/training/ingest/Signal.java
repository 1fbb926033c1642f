package io.aisle.training.ingest;

import java.util.Locale;

/** What an event says about a user and an item, from weakest to strongest: viewed, carted, bought. */
public enum Signal {
    VIEW,
    CART,
    PURCHASE;

    /** The event type of the server's log: {@code view}, {@code cart} or {@code purchase}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but view, cart and purchase */
    public static Signal parse(String type) {
        for (Signal signal : values()) {
            if (signal.label().equals(type)) {
                return signal;
            }
        }
        throw new IllegalArgumentException("type '" + type + "' is not one of view, cart, purchase");
    }
}
