package io.aisle.training.alsobought;

import java.util.List;
import java.util.Objects;

/**
 * Co-occurrence counts of a set of baskets: for each item the number of baskets holding it, and for each
 * ordered pair {@code (i, j)}, {@code i != j}, the number of baskets holding both (only pairs at or above
 * the minimum support are kept). Indices refer to {@link #items()}.
 *
 * @param baskets number of baskets counted
 * @param partners per item, the other items it co-occurs with (ascending index)
 * @param pairCounts per item, the matching co-occurrence counts
 * @param weightedItemCounts per item, the baskets holding it, each weighted {@code 1 / max(1, size - 1)}
 * @param weightedPairCounts per item, the matching co-occurrences with the same basket weights: a basket
 *     of 30 items adds 870 pairs, a basket of 2 adds 2, and without the weight large baskets drown the
 *     associations that small ones show (the item-based kNN literature normalises by basket length so)
 */
public record CoOccurrence(List<String> items, List<String> categories, long[] itemCounts, long baskets,
                           int[][] partners, long[][] pairCounts, double[] weightedItemCounts,
                           double[][] weightedPairCounts) {

    public CoOccurrence {
        items = List.copyOf(items);
        Objects.requireNonNull(categories, "categories");
        if (itemCounts.length != items.size() || partners.length != items.size() || pairCounts.length != items.size()) {
            throw new IllegalArgumentException("per-item arrays must have " + items.size() + " entries");
        }
    }

    public int size() {
        return items.size();
    }
}
