package io.aisle.training.alsobought;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * EASE restricted to each item's strongest co-occurrence neighbours, for catalogues whose dense
 * {@code n x n} inverse does not fit.
 *
 * <p>Dense EASE's column j, {@code B_ij = -P_ij / P_jj} with {@code P = A^-1}, is the ridge regression of
 * item j on all other items: {@code A_{-j,-j} b = A_{-j,j}} (a Schur-complement identity), where
 * {@code A} is the Gram matrix with the penalties on its diagonal. Here item j is regressed only on its
 * {@code m} partners with the largest weighted co-occurrence, {@code N(j)}:
 * {@code A_{N,N} b = A_{N,j}}, one {@code m x m} Cholesky solve per item. Items outside {@code N(j)} get
 * weight 0 towards j, which loses little because EASE's weights concentrate on co-occurring items.
 * With every partner kept it equals dense EASE. Example: items a, b, c with m = 1; if c's strongest
 * partner is a, {@code B_ac = A_ac / A_aa} and {@code B_bc = 0}.
 *
 * <p>Cost: {@code O(n m^3 / 3)} time over all items, in parallel over the common pool, and
 * {@code O(n m)} memory for the weights. Related sparse approximations: SANSA (Spisak et al., RecSys
 * 2023), which approximates the inverse itself.
 */
final class NeighbourhoodEase {

    /**
     * Per item i, the targets j whose regression used i, and the weight {@code B_ij}: the score of
     * "bought i, so j". Targets ascend within each item.
     */
    record Weights(int[][] targets, double[][] weights) {

        /** {@code B_ij}, 0 when i was not among j's regressors. */
        double weight(int i, int j) {
            int t = Arrays.binarySearch(targets[i], j);
            return t >= 0 ? weights[i][t] : 0;
        }
    }

    private NeighbourhoodEase() {
    }

    /**
     * @param neighbours m, the partners each item is regressed on (at most its partner count)
     * @param lambda L2 penalty added to the diagonal
     * @param dropout emphasised-denoising dropout rate; see {@link NeighbourBuilder#easeWeights}
     */
    static Weights fit(CoOccurrence counts, int neighbours, double lambda, double dropout) {
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be >= 1 but was " + neighbours);
        }
        int n = counts.size();
        double emphasis = dropout / (1 - dropout);
        double[] diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = (1 + emphasis) * counts.weightedItemCounts()[i] + lambda;
        }
        int[][] regressors = new int[n][];
        double[][] columns = new double[n][];
        IntStream.range(0, n).parallel().forEach(j -> {
            int[] chosen = strongestPartners(counts, j, neighbours);
            regressors[j] = chosen;
            columns[j] = solve(counts, diagonal, j, chosen);
        });
        return transpose(regressors, columns, n);
    }

    /** Indices of j's {@code m} partners with the largest weighted co-occurrence, ascending. */
    static int[] strongestPartners(CoOccurrence counts, int j, int m) {
        int[] partners = counts.partners()[j];
        double[] weighted = counts.weightedPairCounts()[j];
        if (partners.length <= m) {
            return partners.clone();
        }
        Integer[] order = new Integer[partners.length];
        for (int p = 0; p < order.length; p++) {
            order[p] = p;
        }
        // Ties broken by index so the choice does not depend on the sort's stability.
        Arrays.sort(order, (x, y) -> weighted[x] != weighted[y] ? Double.compare(weighted[y], weighted[x])
                : Integer.compare(partners[x], partners[y]));
        int[] chosen = new int[m];
        for (int p = 0; p < m; p++) {
            chosen[p] = partners[order[p]];
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /** Solves {@code A_{N,N} b = A_{N,j}} by Cholesky, filling only the lower triangle; {@code N} ascending. */
    private static double[] solve(CoOccurrence counts, double[] diagonal, int j, int[] chosen) {
        int m = chosen.length;
        if (m == 0) {
            // An item bought only alone in training regresses on nothing (LAPACK refuses an empty system).
            return new double[0];
        }
        double[] a = new double[m * m];
        double[] rhs = new double[m];
        for (int r = 0; r < m; r++) {
            int item = chosen[r];
            a[r * m + r] = diagonal[item];
            rhs[r] = weightedPair(counts, item, j);
            int[] partners = counts.partners()[item];
            double[] weighted = counts.weightedPairCounts()[item];
            // Both lists ascend: walk whichever is shorter, binary-search the other.
            if (partners.length <= m) {
                for (int p = 0; p < partners.length; p++) {
                    int c = Arrays.binarySearch(chosen, partners[p]);
                    if (c > r) {
                        a[c * m + r] = weighted[p];
                    }
                }
            } else {
                for (int c = r + 1; c < m; c++) {
                    int p = Arrays.binarySearch(partners, chosen[c]);
                    if (p >= 0) {
                        a[c * m + r] = weighted[p];
                    }
                }
            }
        }
        return SymmetricInverse.solve(a, rhs, m);
    }

    private static double weightedPair(CoOccurrence counts, int i, int j) {
        int p = Arrays.binarySearch(counts.partners()[i], j);
        return p >= 0 ? counts.weightedPairCounts()[i][p] : 0;
    }

    /** From per-target regressor lists to per-regressor target lists. */
    private static Weights transpose(int[][] regressors, double[][] columns, int n) {
        int[] sizes = new int[n];
        for (int[] column : regressors) {
            for (int i : column) {
                sizes[i]++;
            }
        }
        int[][] targets = new int[n][];
        double[][] weights = new double[n][];
        for (int i = 0; i < n; i++) {
            targets[i] = new int[sizes[i]];
            weights[i] = new double[sizes[i]];
        }
        int[] filled = new int[n];
        for (int j = 0; j < n; j++) {
            for (int r = 0; r < regressors[j].length; r++) {
                int i = regressors[j][r];
                targets[i][filled[i]] = j;
                weights[i][filled[i]] = columns[j][r];
                filled[i]++;
            }
            regressors[j] = null;
            columns[j] = null;
        }
        return new Weights(targets, weights);
    }
}
