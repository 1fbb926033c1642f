package io.aisle.recommender.scoring;

import io.aisle.recommender.catalog.ItemCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fills a recommendation list from popularity when a model has too little to say: first the most
 * popular items of the preferred categories, then the most popular items overall. Items already in
 * the list and items the mask rejects are skipped. Scores are the items' training counts.
 */
public final class PopularityFallback {

    private PopularityFallback() {
    }

    /**
     * Appends up to {@code k - current.size()} items to a copy of {@code current}.
     *
     * @param preferredCategories categories to draw from first (for example those of the basket or
     *     of the user's history), in order of preference; may be empty
     */
    public static List<ScoredItem> fill(ItemCatalog catalog, List<ScoredItem> current, int k,
                                        CandidateMask mask, List<String> preferredCategories) {
        List<ScoredItem> out = new ArrayList<>(current);
        Set<String> taken = new HashSet<>();
        for (ScoredItem item : current) {
            taken.add(item.itemId());
        }
        int[] order = catalog.indicesByPopularity();
        for (String category : preferredCategories) {
            for (int index : order) {
                if (out.size() >= k) {
                    return out;
                }
                if (category.equals(catalog.categoryOrNull(index))) {
                    add(catalog, index, mask, taken, out);
                }
            }
        }
        for (int index : order) {
            if (out.size() >= k) {
                break;
            }
            add(catalog, index, mask, taken, out);
        }
        return out;
    }

    private static void add(ItemCatalog catalog, int index, CandidateMask mask, Set<String> taken, List<ScoredItem> out) {
        String id = catalog.itemId(index);
        if (mask.allows(index) && taken.add(id)) {
            out.add(new ScoredItem(id, catalog.count(index)));
        }
    }
}
