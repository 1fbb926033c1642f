package io.aisle.recommender.alsobought;

import io.aisle.recommender.catalog.ItemCatalog;
import java.util.Arrays;
import java.util.Objects;

/**
 * Per-item neighbour lists: for item {@code i}, {@code neighbourIndices(i)} holds up to K other items,
 * best first, and {@code neighbourScores(i)} their similarity to {@code i}. Similarities are
 * directed ({@code i -> j} may differ from {@code j -> i}) and only comparable within one model.
 *
 * <p>Immutable once built; the arrays are owned by this object and must not be modified. Thread-safe.
 */
public final class ItemNeighbours {

    private final ItemCatalog catalog;
    private final String similarity;
    private final int[][] indices;
    private final double[][] scores;
    /** The last answer of {@link #indicesOf}: asked per request with the same catalogue, built once. */
    private volatile IndexMap lastIndexMap;

    private record IndexMap(ItemCatalog from, int[] indices) {
    }

    /**
     * @param similarity name of the similarity measure that produced the scores (for reports)
     * @param indices per item, distinct neighbour indices best first
     * @param scores per item, the matching similarities, non-increasing
     */
    public ItemNeighbours(ItemCatalog catalog, String similarity, int[][] indices, double[][] scores) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.similarity = Objects.requireNonNull(similarity, "similarity");
        if (indices.length != catalog.size() || scores.length != catalog.size()) {
            throw new IllegalArgumentException("neighbour lists must cover the " + catalog.size()
                    + " catalogue items but covered " + indices.length + " and " + scores.length);
        }
        int[] listedBy = new int[catalog.size()];
        Arrays.fill(listedBy, -1);
        for (int i = 0; i < indices.length; i++) {
            if (indices[i].length != scores[i].length) {
                throw new IllegalArgumentException("item '" + catalog.itemId(i) + "' has " + indices[i].length
                        + " neighbours but " + scores[i].length + " scores");
            }
            for (int j : indices[i]) {
                if (j < 0 || j >= catalog.size() || j == i) {
                    throw new IllegalArgumentException("item '" + catalog.itemId(i) + "' has invalid neighbour index " + j);
                }
                if (listedBy[j] == i) {
                    throw new IllegalArgumentException("item '" + catalog.itemId(i) + "' lists neighbour '" + catalog.itemId(j) + "' twice");
                }
                listedBy[j] = i;
            }
        }
        this.indices = indices;
        this.scores = scores;
    }

    public ItemCatalog catalog() {
        return catalog;
    }

    public String similarity() {
        return similarity;
    }

    public int[] neighbourIndices(int item) {
        return indices[item];
    }

    public double[] neighbourScores(int item) {
        return scores[item];
    }

    /**
     * For each item of {@code from}, its index in this model's catalogue, or -1 where this model does not
     * know it. Remembered for the catalogue last asked about.
     */
    public int[] indicesOf(ItemCatalog from) {
        IndexMap known = lastIndexMap;
        if (known != null && known.from() == from) {
            return known.indices();
        }
        int[] indices = new int[from.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from == catalog ? i : catalog.findIndex(from.itemId(i)).orElse(-1);
        }
        lastIndexMap = new IndexMap(from, indices);
        return indices;
    }
}
