package io.aisle.recommender.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The items of one tenant's model, indexed densely from zero, with each item's category and its
 * interaction count in the training data (its popularity).
 *
 * <p>Immutable and safe to share between threads. Lookups by id are O(1).
 */
public final class ItemCatalog {

    private final String[] itemIds;
    private final String[] categories;
    private final long[] counts;
    private final Map<String, Integer> indexById;
    private final int[] byPopularity;

    /**
     * @param itemIds distinct item ids; index {@code i} is the item's dense index
     * @param categories category of each item, {@code null} entries when unknown
     * @param counts interaction count of each item, each {@code >= 0}
     */
    public ItemCatalog(List<String> itemIds, List<String> categories, long[] counts) {
        Objects.requireNonNull(itemIds, "itemIds");
        Objects.requireNonNull(categories, "categories");
        Objects.requireNonNull(counts, "counts");
        if (categories.size() != itemIds.size() || counts.length != itemIds.size()) {
            throw new IllegalArgumentException("itemIds, categories and counts must have the same length but were "
                    + itemIds.size() + ", " + categories.size() + " and " + counts.length);
        }
        this.itemIds = itemIds.toArray(new String[0]);
        this.categories = categories.toArray(new String[0]);
        this.counts = counts.clone();
        this.indexById = new HashMap<>(itemIds.size() * 2);
        for (int i = 0; i < this.itemIds.length; i++) {
            if (this.itemIds[i] == null || this.itemIds[i].isEmpty()) {
                throw new IllegalArgumentException("item id at index " + i + " must not be empty");
            }
            if (this.counts[i] < 0) {
                throw new IllegalArgumentException("count of item '" + this.itemIds[i] + "' must be >= 0 but was " + this.counts[i]);
            }
            if (indexById.put(this.itemIds[i], i) != null) {
                throw new IllegalArgumentException("item id '" + this.itemIds[i] + "' appears twice");
            }
        }
        // Most popular first; ties by id so the order is the same on every machine.
        Integer[] order = new Integer[this.itemIds.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> this.counts[a] != this.counts[b]
                ? Long.compare(this.counts[b], this.counts[a]) : this.itemIds[a].compareTo(this.itemIds[b]));
        this.byPopularity = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** Number of items. */
    public int size() {
        return itemIds.length;
    }

    /** Dense index of an item id, empty when the catalogue does not know it. */
    public OptionalInt findIndex(String itemId) {
        Integer index = indexById.get(itemId);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    public String itemId(int index) {
        return itemIds[index];
    }

    /** Category of the item, empty when unknown. */
    public Optional<String> findCategory(int index) {
        return Optional.ofNullable(categories[index]);
    }

    /** Category of the item or {@code null}; for hot loops that cannot afford an Optional. */
    public String categoryOrNull(int index) {
        return categories[index];
    }

    public long count(int index) {
        return counts[index];
    }

    /** Item indices, most popular first (ties broken by id). Do not modify the returned array. */
    public int[] indicesByPopularity() {
        return byPopularity;
    }

    public List<String> itemIds() {
        return List.of(itemIds);
    }

    /** Categories in index order; unknown categories are {@code null}, so the list may hold nulls. */
    public List<String> categories() {
        return java.util.Collections.unmodifiableList(new ArrayList<>(Arrays.asList(categories)));
    }

    public long[] counts() {
        return counts.clone();
    }
}
