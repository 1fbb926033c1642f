package io.aisle.recommender.scoring;

import io.aisle.recommender.catalog.ItemCatalog;
import java.util.Collection;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An {@link ItemFilter} (plus any item indices the model itself excludes) resolved against one
 * catalogue into a per-index allow flag, so the hot loop tests an array instead of hashing ids.
 */
public final class CandidateMask {

    private final ItemCatalog catalog;
    private final boolean[] excluded;
    private final String category;

    public CandidateMask(ItemCatalog catalog, ItemFilter filter, int... alsoExcluded) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.excluded = new boolean[catalog.size()];
        this.category = filter.category().orElse(null);
        excludeIds(filter.excludedItems());
        for (int index : alsoExcluded) {
            excluded[index] = true;
        }
    }

    private void excludeIds(Collection<String> ids) {
        for (String id : ids) {
            OptionalInt index = catalog.findIndex(id);
            if (index.isPresent()) {
                excluded[index.getAsInt()] = true;
            }
        }
    }

    public boolean allows(int index) {
        return !excluded[index] && (category == null || category.equals(catalog.categoryOrNull(index)));
    }

    public boolean restrictsCategory() {
        return category != null;
    }
}
