package io.aisle.training.ingest;

import java.io.Serializable;
import java.util.Locale;

/**
 * How much a view and a cart count against a purchase, which counts 1. Training gives an event its
 * signal's weight (co-occurrence and the Gram matrix of also-bought, the share of for-you positives kept);
 * evaluation scores held-out purchases only, so a weak signal helps only as far as it predicts purchases.
 * A weight of 0 leaves the signal out, as if the log had no such events.
 *
 * @param view weight of a view, in [0, 1]
 * @param cart weight of a cart, in [0, 1]
 */
public record SignalWeights(double view, double cart) implements Serializable {

    /**
     * Chosen by mean HR@10 of also-bought on held-out purchases of the simulated shopper log
     * ({@code scripts/signal-weights.sh}, docs/benchmarks.md).
     */
    public static final SignalWeights DEFAULT = new SignalWeights(0.25, 1);

    /** Purchases alone. */
    public static final SignalWeights PURCHASES_ONLY = new SignalWeights(0, 0);

    public SignalWeights {
        check("view", view);
        check("cart", cart);
    }

    private static void check(String signal, double weight) {
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("--signal-weights " + signal + " must be in [0, 1] but was " + weight);
        }
    }

    public double weight(Signal signal) {
        return switch (signal) {
            case VIEW -> view;
            case CART -> cart;
            case PURCHASE -> 1;
        };
    }

    /**
     * Parses {@code view=W,cart=W}; a signal left out keeps its {@link #DEFAULT} weight.
     *
     * @throws IllegalArgumentException naming the option and the bad part
     */
    public static SignalWeights parse(String text) {
        double view = DEFAULT.view;
        double cart = DEFAULT.cart;
        boolean seenView = false;
        boolean seenCart = false;
        for (String part : text.split(",", -1)) {
            String[] pair = part.strip().split("=", -1);
            if (pair.length != 2) {
                throw new IllegalArgumentException("--signal-weights takes view=W,cart=W (purchase counts 1) but was '" + text + "'");
            }
            String signal = pair[0].strip();
            double weight;
            try {
                weight = Double.parseDouble(pair[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--signal-weights " + signal + " must be a number but was '" + pair[1].strip() + "'");
            }
            switch (signal) {
                case "view" -> {
                    if (seenView) {
                        throw new IllegalArgumentException("--signal-weights names view twice in '" + text + "'");
                    }
                    seenView = true;
                    view = weight;
                }
                case "cart" -> {
                    if (seenCart) {
                        throw new IllegalArgumentException("--signal-weights names cart twice in '" + text + "'");
                    }
                    seenCart = true;
                    cart = weight;
                }
                case "purchase" -> throw new IllegalArgumentException("--signal-weights: purchase always counts 1;"
                        + " weigh view and cart against it");
                default -> throw new IllegalArgumentException("--signal-weights takes view and cart but named '" + signal + "'");
            }
        }
        return new SignalWeights(view, cart);
    }

    /** For example {@code view=0.1,cart=0.25}, as {@link #parse} reads it. */
    public String label() {
        return String.format(Locale.ROOT, "view=%s,cart=%s", number(view), number(cart));
    }

    private static String number(double weight) {
        return weight == Math.rint(weight) ? Long.toString((long) weight) : Double.toString(weight);
    }
}
