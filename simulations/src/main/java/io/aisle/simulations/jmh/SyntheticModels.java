package io.aisle.simulations.jmh;

import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.foryou.FactorizationMachine;
import io.aisle.recommender.foryou.ForYouModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random but well-formed models of a given size, for benchmarks. */
final class SyntheticModels {

    private SyntheticModels() {
    }

    /** A for-you model with {@code users} users of 20 purchases each, {@code items} items in 100 categories. */
    static ForYouModel forYou(int users, int items, int factorSize, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int categoryCount = 100;
        List<String> userIds = new ArrayList<>(users);
        for (int u = 0; u < users; u++) {
            userIds.add("u" + u);
        }
        List<String> itemIds = new ArrayList<>(items);
        List<String> itemCategories = new ArrayList<>(items);
        int[] categoryIndex = new int[items];
        long[] counts = new long[items];
        double[] recency = new double[items];
        for (int i = 0; i < items; i++) {
            itemIds.add("i" + i);
            categoryIndex[i] = random.nextInt(categoryCount);
            itemCategories.add("c" + categoryIndex[i]);
            counts[i] = 1 + random.nextInt(1000);
            recency[i] = random.nextDouble();
        }
        List<String> categories = new ArrayList<>();
        for (int c = 0; c < categoryCount; c++) {
            categories.add("c" + c);
        }
        int features = ForYouModel.featureCount(users, items, categoryCount, true);
        double[] linear = new double[features];
        double[] factors = new double[features * factorSize];
        for (int f = 0; f < features; f++) {
            linear[f] = random.nextGaussian() * 0.1;
        }
        for (int f = 0; f < factors.length; f++) {
            factors[f] = random.nextGaussian() * 0.1;
        }
        int[][] histories = new int[users][];
        for (int u = 0; u < users; u++) {
            histories[u] = random.ints(20, 0, items).distinct().sorted().toArray();
        }
        return new ForYouModel(new FactorizationMachine(features, factorSize, 0.1, linear, factors), userIds,
                new ItemCatalog(itemIds, itemCategories, counts), categories, categoryIndex, recency, histories, 0.75, true, 1);
    }
}
