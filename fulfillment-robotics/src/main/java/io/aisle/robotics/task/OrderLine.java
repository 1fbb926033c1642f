package io.aisle.robotics.task;

/**
 * One line of a WMS order.
 *
 * @param sku      stock keeping unit
 * @param quantity units to pick, at least 1
 */
public record OrderLine(String sku, int quantity) {

    public OrderLine {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("sku must not be blank");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be >= 1 but was " + quantity);
        }
    }
}
