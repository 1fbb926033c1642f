package io.aisle.training.evaluation;

import io.aisle.recommender.catalog.ItemCatalog;
import java.util.Arrays;

/** Recommends the most popular training items the user has not bought. */
public final class PopularityBaseline implements UserEvaluation.UserRanker {

    private final int[] byPopularity;

    public PopularityBaseline(ItemCatalog catalog) {
        this.byPopularity = catalog.indicesByPopularity();
    }

    @Override
    public int[] rank(int user, int[] history, int k) {
        int[] out = new int[k];
        int n = 0;
        for (int i = 0; i < byPopularity.length && n < k; i++) {
            if (Arrays.binarySearch(history, byPopularity[i]) < 0) {
                out[n++] = byPopularity[i];
            }
        }
        return Arrays.copyOf(out, n);
    }
}
