package io.aisle.fusion.review;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Why an adjusted receipt was issued; the wire name is the lower-case name. */
public enum AdjustmentKind {
    /** A reviewer found the flagged receipt right as issued. */
    CONFIRMED,
    /** A reviewer replaced the flagged receipt's lines. */
    CORRECTED,
    /** A shopper disputed a receipt and the store answered with these lines. */
    DISPUTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AdjustmentKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
    }
}
