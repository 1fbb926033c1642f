package io.aisle.recommender.testing;

import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.foryou.FactorizationMachine;
import io.aisle.recommender.foryou.ForYouModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random for-you models for property tests. */
public final class RandomModels {

    private RandomModels() {
    }

    /**
     * A model with history features (user feature weight 0.5) over items {@code i0, i1, ...} in
     * categories {@code c0, c1, c2} (item i in {@code c(i % 3)}), users {@code u0, u1, ...} with the given
     * training histories, and uniform random weights.
     */
    public static ForYouModel forYou(int items, int factors, int[][] histories, long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        List<String> itemCategories = new ArrayList<>();
        long[] counts = new long[items];
        int[] categoryIndex = new int[items];
        for (int i = 0; i < items; i++) {
            ids.add("i" + i);
            categoryIndex[i] = i % 3;
            itemCategories.add("c" + categoryIndex[i]);
            counts[i] = 1 + random.nextInt(500);
        }
        List<String> users = new ArrayList<>();
        for (int u = 0; u < histories.length; u++) {
            users.add("u" + u);
        }
        int features = ForYouModel.featureCount(users.size(), items, 3, true);
        FactorizationMachine fm = new FactorizationMachine(features, factors, 0.2,
                random.doubles(features, -1, 1).toArray(), random.doubles((long) features * factors, -0.5, 0.5).toArray());
        return new ForYouModel(fm, users, new ItemCatalog(ids, itemCategories, counts), List.of("c0", "c1", "c2"),
                categoryIndex, random.doubles(items, 0, 1).toArray(), histories, 0.75, true, 0.5);
    }
}
