package io.aisle.fusion.layout;

/** How many units of a product the planogram puts on a plate. */
public record Facing(String sku, int count) {

    public Facing {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("sku must not be blank");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0 but was " + count);
        }
    }
}
