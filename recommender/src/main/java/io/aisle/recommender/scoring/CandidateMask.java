package io.aisle.recommender.scoring;

import io.aisle.recommender.catalog.ItemCatalog;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An {@link ItemFilter} (plus any item indices the model itself excludes) resolved against one
 * catalogue into sorted excluded indices, so the hot loop searches an array instead of hashing ids.
 */
public final class CandidateMask {

    private final ItemCatalog catalog;
    /** Excluded indices, ascending and distinct: a request excludes a few items of a large catalogue, so
     * a sorted array costs far less to build than a per-index flag array (100 KB at 100k items). */
    private final int[] excluded;
    private final String category;

    public CandidateMask(ItemCatalog catalog, ItemFilter filter, int... alsoExcluded) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.category = filter.category().orElse(null);
        int[] indices = new int[filter.excludedItems().size() + alsoExcluded.length];
        int n = 0;
        for (String id : filter.excludedItems()) {
            OptionalInt index = catalog.findIndex(id);
            if (index.isPresent()) {
                indices[n++] = index.getAsInt();
            }
        }
        System.arraycopy(alsoExcluded, 0, indices, n, alsoExcluded.length);
        this.excluded = Arrays.stream(indices, 0, n + alsoExcluded.length).sorted().distinct().toArray();
    }

    public boolean allows(int index) {
        return Arrays.binarySearch(excluded, index) < 0 && (category == null || category.equals(catalog.categoryOrNull(index)));
    }

    public boolean restrictsCategory() {
        return category != null;
    }
}
