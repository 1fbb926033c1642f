package io.aisle.training.evaluation;

import io.aisle.recommender.catalog.ItemCatalog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The baselines every per-user report puts beside our models: popularity, item-based kNN and EASE, the last
 * with its lambda chosen on a split of the training histories.
 */
public final class UserBaselines {

    /** Neighbours per item of the item-knn baseline. */
    static final int ITEM_KNN_NEIGHBOURS = 100;
    /** A dense EASE solve over this many items takes about 20 s and 200 MB; more grows as n^3 and n^2. */
    public static final int EASE_MAX_ITEMS = 4000;

    private final Map<String, UserEvaluation.UserRanker> methods = new LinkedHashMap<>();
    private final EaseBaseline ease;

    public UserBaselines(int[][] trainHistories, ItemCatalog catalog, long seed) {
        methods.put("popularity", new PopularityBaseline(catalog));
        methods.put("item-knn", new ItemKnnBaseline(trainHistories, catalog.size(), ITEM_KNN_NEIGHBOURS));
        ease = EaseBaseline.tuned(trainHistories, catalog.size(), EASE_MAX_ITEMS, seed);
        methods.put("ease", ease);
    }

    public Map<String, UserEvaluation.UserRanker> methods() {
        return methods;
    }

    /** How the EASE baseline was set up, for the report's parameters. */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("ease-lambda", Double.toString(ease.lambda()));
        parameters.put("ease-items", Integer.toString(ease.coveredItemCount()));
        return parameters;
    }
}
