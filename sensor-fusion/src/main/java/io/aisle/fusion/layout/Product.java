package io.aisle.fusion.layout;

import java.util.Objects;

/**
 * A product of the catalog.
 *
 * @param unitWeightGrams mean weight of one unit
 * @param weightStdDevGrams unit-to-unit standard deviation of that weight
 * @param appearanceId the key store vision uses to recognise the product's look
 */
public record Product(String sku, String name, double unitWeightGrams, double weightStdDevGrams, String appearanceId) {

    public Product {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(appearanceId, "appearanceId");
        if (sku.isBlank()) {
            throw new IllegalArgumentException("sku must not be blank");
        }
        if (!(unitWeightGrams > 0) || !Double.isFinite(unitWeightGrams)) {
            throw new IllegalArgumentException("unitWeightGrams must be > 0 but was " + unitWeightGrams);
        }
        if (!(weightStdDevGrams >= 0) || !Double.isFinite(weightStdDevGrams)) {
            throw new IllegalArgumentException("weightStdDevGrams must be >= 0 but was " + weightStdDevGrams);
        }
    }
}
