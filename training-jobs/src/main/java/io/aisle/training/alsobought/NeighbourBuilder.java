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
     * @param dropout EASE: the dropout rate p of the emphasised denoising penalty, which adds
     *     {@code p / (1 - p)} times each item's own count to the diagonal (0 is plain EASE)
     * @param easeNeighbours NEIGHBOURHOOD_EASE: the strongest partners each item is regressed on
     */
    public record Parameters(int topK, int minSupport, double shrink, double alpha, double lambda, double dropout,
                             int easeNeighbours) {

        /**
         * The default of {@code easeNeighbours}. On simulated long-tail catalogues 100 partners left neighbourhood
         * EASE 0.011 HR@10 below dense EASE (2,500 items, mean of 5 splits): a popular item's strongest partners
         * are other popular items, so the rare items of its cluster get no weight towards it. 400 brings the gap
         * to 0.003; there most items have fewer partners than that, so the fit costs about twice as much, not 64
         * times ({@code docs/benchmarks.md}).
         */
        public static final int DEFAULT_EASE_NEIGHBOURS = 400;

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
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("dropout must be in [0, 1) but was " + dropout);
            }
            if (easeNeighbours < 1) {
                throw new IllegalArgumentException("easeNeighbours must be >= 1 but was " + easeNeighbours);
            }
        }
    }

    private NeighbourBuilder() {
    }

    public static ItemNeighbours build(CoOccurrence counts, SimilarityMeasure measure, Parameters parameters) {
        int n = counts.size();
        ItemCatalog catalog = new ItemCatalog(counts.items(), counts.categories(), counts.itemCounts());
        double[] ease = measure == SimilarityMeasure.EASE ? easeWeights(counts, parameters.lambda(), parameters.dropout()) : null;
        NeighbourhoodEase.Weights local = measure == SimilarityMeasure.NEIGHBOURHOOD_EASE
                ? NeighbourhoodEase.fit(counts, parameters.easeNeighbours(), parameters.lambda(), parameters.dropout()) : null;
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
                    case NEIGHBOURHOOD_EASE -> local.weight(i, j);
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
     * {@link SimilarityMeasure#EASE} and {@link CoOccurrence#weightedPairCounts()}. A dropout rate above
     * zero penalises each item in proportion to its own count, as emphasised denoising with that dropout
     * rate does in closed form (Steck, "Autoencoders that don't overfit towards the Identity", NeurIPS
     * 2020): frequent items then rely less on any single partner.
     */
    static double[] easeWeights(CoOccurrence counts, double lambda, double dropout) {
        int n = counts.size();
        double emphasis = dropout / (1 - dropout);
        double[] gram = new double[n * n];
        for (int i = 0; i < n; i++) {
            gram[i * n + i] = (1 + emphasis) * counts.weightedItemCounts()[i] + lambda;
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
