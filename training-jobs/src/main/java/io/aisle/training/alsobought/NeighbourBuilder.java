package io.aisle.training.alsobought;

import io.aisle.recommender.alsobought.ItemNeighbours;
import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.scoring.TopK;

/**
 * Turns co-occurrence counts into top-K neighbour lists with one {@link SimilarityMeasure}. Only pairs
 * seen together in at least {@code minSupport} baskets become neighbours, and only positive scores.
 */
public final class NeighbourBuilder {

    /**
     * @param topK neighbours kept per item
     * @param minSupport smallest co-occurrence count of a neighbour pair
     * @param shrink DAMPED: added to c(i)
     * @param alpha DAMPED: exponent of c(j)
     * @param lambda EASE: L2 penalty
     */
    public record Parameters(int topK, int minSupport, double shrink, double alpha, double lambda) {

        public Parameters {
            if (topK < 1) {
                throw new IllegalArgumentException("topK must be >= 1 but was " + topK);
            }
            if (minSupport < 1) {
                throw new IllegalArgumentException("minSupport must be >= 1 but was " + minSupport);
            }
            if (lambda <= 0) {
                throw new IllegalArgumentException("lambda must be > 0 but was " + lambda);
            }
        }
    }

    private NeighbourBuilder() {
    }

    public static ItemNeighbours build(CoOccurrence counts, SimilarityMeasure measure, Parameters parameters) {
        int n = counts.size();
        ItemCatalog catalog = new ItemCatalog(counts.items(), counts.categories(), counts.itemCounts());
        double[] ease = measure == SimilarityMeasure.EASE ? easeWeights(counts, parameters.lambda()) : null;
        int[][] indices = new int[n][];
        double[][] scores = new double[n][];
        TopK top = new TopK(parameters.topK());
        for (int i = 0; i < n; i++) {
            int[] partners = counts.partners()[i];
            long[] together = counts.pairCounts()[i];
            for (int p = 0; p < partners.length; p++) {
                if (together[p] < parameters.minSupport()) {
                    continue;
                }
                int j = partners[p];
                double score = switch (measure) {
                    case CONFIDENCE -> (double) together[p] / counts.itemCounts()[i];
                    case COSINE -> together[p] / Math.sqrt((double) counts.itemCounts()[i] * counts.itemCounts()[j]);
                    case DAMPED -> together[p] / ((counts.itemCounts()[i] + parameters.shrink())
                            * Math.pow(counts.itemCounts()[j], parameters.alpha()));
                    case EASE -> ease[i * n + j];
                };
                if (score > 0) {
                    top.offer(j, score);
                }
            }
            indices[i] = new int[top.size()];
            scores[i] = new double[top.size()];
            top.drainInto(indices[i], scores[i]);
        }
        return new ItemNeighbours(catalog, measure.label(), indices, scores);
    }

    /**
     * Row-major EASE weights B (zero diagonal) on the basket-size-weighted Gram matrix; see
     * {@link SimilarityMeasure#EASE} and {@link CoOccurrence#weightedPairCounts()}.
     */
    static double[] easeWeights(CoOccurrence counts, double lambda) {
        int n = counts.size();
        double[] gram = new double[n * n];
        for (int i = 0; i < n; i++) {
            gram[i * n + i] = counts.weightedItemCounts()[i] + lambda;
            int[] partners = counts.partners()[i];
            for (int p = 0; p < partners.length; p++) {
                gram[i * n + partners[p]] = counts.weightedPairCounts()[i][p];
            }
        }
        double[] inverse = SymmetricInverse.invert(gram, n);
        double[] weights = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                weights[i * n + j] = i == j ? 0 : -inverse[i * n + j] / inverse[j * n + j];
            }
        }
        return weights;
    }
}
