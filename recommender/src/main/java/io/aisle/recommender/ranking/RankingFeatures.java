package io.aisle.recommender.ranking;

import io.aisle.recommender.alsobought.ItemNeighbours;
import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.foryou.ForYouModel;
import io.aisle.recommender.scoring.PerThreadIntTable;
import java.util.List;
import java.util.Optional;

/**
 * The re-ranker's features for (user, candidate) pairs, in this column order:
 * <ol start="0">
 *   <li>{@code fm_score}: the FM's raw score of the candidate for the user</li>
 *   <li>{@code cooccurrence}: summed also-bought similarity from the user's history to the candidate (0
 *       without an also-bought model)</li>
 *   <li>{@code popularity}: {@code ln(1 + count)} of the candidate in training</li>
 *   <li>{@code category_affinity}: share of the user's history in the candidate's category</li>
 *   <li>{@code recency}: the candidate's recency in [0, 1]</li>
 * </ol>
 * Training (Spark) and serving (this class) compute them with the same code, so they cannot drift.
 */
public final class RankingFeatures {

    public static final List<String> NAMES = List.of("fm_score", "cooccurrence", "popularity", "category_affinity", "recency");
    public static final int COUNT = NAMES.size();
    private static final PerThreadIntTable POSITIONS = new PerThreadIntTable();

    private RankingFeatures() {
    }

    /**
     * Row-major {@code candidates.length x COUNT} features.
     *
     * @param history the user's distinct history items (training history and purchases since)
     * @param fmScores raw FM score of each candidate, aligned with {@code candidates}
     */
    public static float[] compute(ForYouModel model, Optional<ItemNeighbours> alsoBought, int[] history, int[] candidates,
                                  double[] fmScores) {
        ItemCatalog catalog = model.catalog();
        double[] cooccurrence = new double[candidates.length];
        if (alsoBought.isPresent()) {
            ItemNeighbours neighbours = alsoBought.get();
            int[] toNeighbours = neighbours.indicesOf(catalog);
            // Sum over the history's neighbour lists, finding each neighbour's candidate position in a per-thread
            // table over the also-bought catalogue, set for this request's candidates and cleared after.
            int[] positionPlusOne = POSITIONS.zeroed(neighbours.catalog().size());
            try {
                for (int c = 0; c < candidates.length; c++) {
                    int index = toNeighbours[candidates[c]];
                    if (index >= 0) {
                        positionPlusOne[index] = c + 1;
                    }
                }
                for (int item : history) {
                    int basketItem = toNeighbours[item];
                    if (basketItem < 0) {
                        continue;
                    }
                    int[] partners = neighbours.neighbourIndices(basketItem);
                    double[] similarities = neighbours.neighbourScores(basketItem);
                    for (int n = 0; n < partners.length; n++) {
                        int position = positionPlusOne[partners[n]];
                        if (position > 0) {
                            cooccurrence[position - 1] += similarities[n];
                        }
                    }
                }
            } finally {
                for (int candidate : candidates) {
                    int index = toNeighbours[candidate];
                    if (index >= 0) {
                        positionPlusOne[index] = 0;
                    }
                }
            }
        }
        int[] perCategory = new int[model.categories().size()];
        for (int item : history) {
            int category = model.categoryIndex(item);
            if (category >= 0) {
                perCategory[category]++;
            }
        }
        float[] features = new float[candidates.length * COUNT];
        for (int c = 0; c < candidates.length; c++) {
            int item = candidates[c];
            int category = model.categoryIndex(item);
            double affinity = category < 0 || history.length == 0 ? 0 : perCategory[category] / (double) history.length;
            int row = c * COUNT;
            features[row] = (float) fmScores[c];
            features[row + 1] = (float) cooccurrence[c];
            features[row + 2] = (float) Math.log1p(catalog.count(item));
            features[row + 3] = (float) affinity;
            features[row + 4] = (float) model.recency(item);
        }
        return features;
    }
}
