package io.aisle.training.evaluation;

import io.aisle.recommender.scoring.TopK;
import io.aisle.training.alsobought.SymmetricInverse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019), the strongest simple anchor
 * for top-N recommendation from implicit feedback: {@code P = (X^T X + lambda I)^-1}, item weights
 * {@code B = I - P diag(1 / diag(P))} with a zero diagonal, and a user's score for an item is the sum of the
 * weights from the items of their history. The dense solve is O(n^3) in time and O(n^2) in memory, so it
 * covers the {@code maxItems} most bought items; the rest of the catalogue is never recommended by it.
 */
public final class EaseBaseline implements UserEvaluation.UserRanker {

    /** Tried on a split of the training histories; Steck's best values lie in this range on data of this size. */
    static final double[] LAMBDA_CANDIDATES = {30, 100, 300, 1000};
    /** Part of each training history held out to choose lambda. */
    private static final double TUNING_SHARE = 0.2;
    private static final int TUNING_USERS = 1500;

    private final int[] itemOfColumn;
    private final int[] columnOfItem;
    private final float[] weights;
    private final double lambda;

    /**
     * @param histories per user, the sorted catalogue indices of their training items
     * @param maxItems the solve covers at most this many items, the most bought first
     */
    public EaseBaseline(int[][] histories, int itemCount, int maxItems, double lambda) {
        this(histories, coveredItems(histories, itemCount, maxItems), itemCount, lambda);
    }

    private EaseBaseline(int[][] histories, int[] itemOfColumn, int itemCount, double lambda) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda must be positive but was " + lambda);
        }
        this.itemOfColumn = itemOfColumn;
        this.columnOfItem = columnsOf(itemOfColumn, itemCount);
        this.lambda = lambda;
        this.weights = solve(gram(histories, columnOfItem, itemOfColumn.length), itemOfColumn.length, lambda);
    }

    /**
     * Chooses lambda among {@link #LAMBDA_CANDIDATES} by Recall@10 on a seeded split of the training
     * histories themselves (the evaluation's test items are never seen), then solves on the whole histories.
     */
    public static EaseBaseline tuned(int[][] histories, int itemCount, int maxItems, long seed) {
        int[][] tuningTrain = new int[histories.length][];
        int[][] tuningTest = new int[histories.length][];
        SeededSplit split = new SeededSplit(seed ^ 0x5EEDL, TUNING_SHARE);
        for (int u = 0; u < histories.length; u++) {
            int[] history = histories[u];
            int[] kept = new int[history.length];
            int[] held = new int[history.length];
            int keptCount = 0;
            int heldCount = 0;
            for (int item : history) {
                if (history.length > 1 && split.isTest(u + ":" + item)) {
                    held[heldCount++] = item;
                } else {
                    kept[keptCount++] = item;
                }
            }
            tuningTrain[u] = Arrays.copyOf(kept, keptCount);
            tuningTest[u] = Arrays.copyOf(held, heldCount);
        }
        int[] covered = coveredItems(tuningTrain, itemCount, maxItems);
        UserEvaluation tuning = new UserEvaluation(tuningTrain, tuningTest, TUNING_USERS, seed);
        double best = LAMBDA_CANDIDATES[0];
        double bestRecall = -1;
        for (double candidate : LAMBDA_CANDIDATES) {
            Map<String, UserEvaluation.UserRanker> method = new LinkedHashMap<>();
            method.put("ease", new EaseBaseline(tuningTrain, covered, itemCount, candidate));
            double recall = tuning.run(method).get("ease").get(Metrics.RECALL_AT_10);
            if (recall > bestRecall) {
                bestRecall = recall;
                best = candidate;
            }
        }
        return new EaseBaseline(histories, itemCount, maxItems, best);
    }

    public double lambda() {
        return lambda;
    }

    public int coveredItemCount() {
        return itemOfColumn.length;
    }

    /** The weight from item {@code from} to item {@code to}, 0 when either is outside the solve. */
    public double weight(int from, int to) {
        int row = columnOfItem[from];
        int column = columnOfItem[to];
        return row < 0 || column < 0 ? 0 : weights[row * itemOfColumn.length + column];
    }

    @Override
    public int[] rank(int user, int[] history, int k) {
        int n = itemOfColumn.length;
        double[] scores = new double[n];
        for (int item : history) {
            int row = columnOfItem[item];
            if (row >= 0) {
                for (int column = 0, offset = row * n; column < n; column++) {
                    scores[column] += weights[offset + column];
                }
            }
        }
        for (int item : history) {
            if (columnOfItem[item] >= 0) {
                scores[columnOfItem[item]] = Double.NEGATIVE_INFINITY;
            }
        }
        TopK top = new TopK(k);
        for (int column = 0; column < n; column++) {
            if (scores[column] != Double.NEGATIVE_INFINITY) {
                top.offer(column, scores[column]);
            }
        }
        int[] columns = top.drainIndices();
        int[] items = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            items[i] = itemOfColumn[columns[i]];
        }
        return items;
    }

    /** The items bought by at least one user, the most bought first, at most {@code maxItems}; sorted by index. */
    private static int[] coveredItems(int[][] histories, int itemCount, int maxItems) {
        int[] buyers = new int[itemCount];
        for (int[] history : histories) {
            for (int item : history) {
                buyers[item]++;
            }
        }
        return java.util.stream.IntStream.range(0, itemCount).boxed()
                .filter(item -> buyers[item] > 0)
                .sorted((a, b) -> buyers[a] != buyers[b] ? Integer.compare(buyers[b], buyers[a]) : Integer.compare(a, b))
                .limit(maxItems)
                .mapToInt(Integer::intValue)
                .sorted()
                .toArray();
    }

    private static int[] columnsOf(int[] itemOfColumn, int itemCount) {
        int[] columnOfItem = new int[itemCount];
        Arrays.fill(columnOfItem, -1);
        for (int column = 0; column < itemOfColumn.length; column++) {
            columnOfItem[itemOfColumn[column]] = column;
        }
        return columnOfItem;
    }

    private static double[] gram(int[][] histories, int[] columnOfItem, int n) {
        double[] gram = new double[n * n];
        int[] columns = new int[0];
        for (int[] history : histories) {
            if (columns.length < history.length) {
                columns = new int[history.length];
            }
            int count = 0;
            for (int item : history) {
                if (columnOfItem[item] >= 0) {
                    columns[count++] = columnOfItem[item];
                }
            }
            for (int a = 0; a < count; a++) {
                int offset = columns[a] * n;
                for (int b = 0; b < count; b++) {
                    gram[offset + columns[b]] += 1;
                }
            }
        }
        return gram;
    }

    /** {@code B = I - P diag(1 / diag(P))} with {@code P = (gram + lambda I)^-1}, as floats. */
    private static float[] solve(double[] gram, int n, double lambda) {
        for (int i = 0; i < n; i++) {
            gram[i * n + i] += lambda;
        }
        double[] inverse = SymmetricInverse.invert(gram, n);
        float[] weights = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    weights[i * n + j] = (float) (-inverse[i * n + j] / inverse[j * n + j]);
                }
            }
        }
        return weights;
    }
}
