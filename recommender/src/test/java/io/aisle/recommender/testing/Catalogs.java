package io.aisle.recommender.testing;

import io.aisle.recommender.catalog.ItemCatalog;
import java.util.ArrayList;
import java.util.List;

/** Builds catalogues for tests: {@code Catalogs.of("milk:dairy:50", "bread:bakery:30")}. */
public final class Catalogs {

    private Catalogs() {
    }

    /** Each spec is {@code id:category:count}; an empty category means unknown. */
    public static ItemCatalog of(String... specs) {
        List<String> ids = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        long[] counts = new long[specs.length];
        for (int i = 0; i < specs.length; i++) {
            String[] parts = specs[i].split(":", -1);
            ids.add(parts[0]);
            categories.add(parts[1].isEmpty() ? null : parts[1]);
            counts[i] = Long.parseLong(parts[2]);
        }
        return new ItemCatalog(ids, categories, counts);
    }
}
