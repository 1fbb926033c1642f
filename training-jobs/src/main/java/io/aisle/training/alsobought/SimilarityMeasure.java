package io.aisle.training.alsobought;

import java.util.Locale;

/**
 * Item-to-item similarity from co-occurrence counts; {@code c(i)} is the number of baskets with item i,
 * {@code c(i,j)} the number with both. Scores are directed: {@code i -> j} answers "bought i, so j?".
 */
public enum SimilarityMeasure {
    /** {@code c(i,j) / c(i)}: the estimated P(j | i) of association rules. */
    CONFIDENCE,
    /** {@code c(i,j) / sqrt(c(i) c(j))}. */
    COSINE,
    /**
     * {@code c(i,j) / ((c(i) + shrink) * c(j)^alpha)}: confidence shrunk towards zero for rarely seen
     * items and damped for very popular targets, which confidence over-recommends.
     */
    DAMPED,
    /**
     * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): the item-item weights
     * B that best reconstruct each basket from its other items under an L2 penalty lambda, in closed form
     * {@code P = (G + lambda I)^-1, B_ij = -P_ij / P_jj} with G the item Gram matrix (co-occurrence counts,
     * item counts on the diagonal), here with each basket weighted {@code 1 / (size - 1)}. Unlike pairwise scores it discounts items that co-occur only through a
     * third item, which is what summing over a basket needs. Needs a dense n x n inverse.
     */
    EASE,
    /**
     * EASE with each item regressed only on its {@code m} strongest co-occurrence partners
     * ({@link NeighbourhoodEase}): {@code O(n m)} memory instead of {@code O(n^2)}, and equal to EASE when
     * every partner is kept. Used for EASE above the dense inverse's catalogue limit.
     */
    NEIGHBOURHOOD_EASE;

    public static SimilarityMeasure parse(String value) {
        for (SimilarityMeasure measure : values()) {
            if (measure.label().equalsIgnoreCase(value)) {
                return measure;
            }
        }
        throw new IllegalArgumentException("--similarity must be confidence, cosine, damped, ease or neighbourhood-ease"
                + " but was '" + value + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the measure needs every co-occurring pair, not only those at the minimum support. */
    boolean needsAllPairs() {
        return this == EASE || this == NEIGHBOURHOOD_EASE;
    }
}
