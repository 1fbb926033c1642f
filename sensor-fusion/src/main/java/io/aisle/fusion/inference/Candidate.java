package io.aisle.fusion.inference;

/**
 * A product that may explain a weight change.
 *
 * @param available how many units can take part (on the plate for a pick, in the cart for a put)
 * @param priorWeight relative prior of one unit being this product (for example units on the plate)
 */
public record Candidate(String sku, double unitWeightGrams, double unitStdDevGrams, int available, double priorWeight) {

    public Candidate {
        if (!(unitWeightGrams > 0)) {
            throw new IllegalArgumentException("unitWeightGrams must be > 0 but was " + unitWeightGrams);
        }
        if (available < 0) {
            throw new IllegalArgumentException("available must be >= 0 but was " + available);
        }
        if (!(priorWeight > 0)) {
            throw new IllegalArgumentException("priorWeight must be > 0 but was " + priorWeight);
        }
    }
}
