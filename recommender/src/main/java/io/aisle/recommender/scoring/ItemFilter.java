package io.aisle.recommender.scoring;

import java.util.Optional;
import java.util.Set;

/**
 * What a caller does not want back: items to exclude (for example what is already in the cart) and,
 * optionally, the one category the results must come from.
 */
public record ItemFilter(Set<String> excludedItems, Optional<String> category) {

    public static final ItemFilter NONE = new ItemFilter(Set.of(), Optional.empty());

    public ItemFilter {
        excludedItems = Set.copyOf(excludedItems);
        category = category == null ? Optional.empty() : category;
    }

    public ItemFilter withExcludedItems(Set<String> items) {
        return new ItemFilter(items, category);
    }

    public ItemFilter withCategory(String value) {
        return new ItemFilter(excludedItems, Optional.ofNullable(value));
    }
}
