package io.aisle.training.evaluation;

import io.aisle.recommender.scoring.TopK;
import java.util.ArrayList;
import java.util.List;

/**
 * The classic item-based kNN baseline (Sarwar et al., WWW 2001; Deshpande and Karypis, TOIS 2004):
 * item-item cosine over the users who bought them, {@code k} neighbours per item, a user's score for an
 * item is the sum of its similarities to the user's history. Built in O(sum over users of |history|^2).
 */
public final class ItemKnnBaseline implements UserEvaluation.UserRanker {

    private final int itemCount;
    private final int[][] neighbours;
    private final double[][] similarities;

    public ItemKnnBaseline(int[][] histories, int itemCount, int k) {
        this.itemCount = itemCount;
        List<List<Integer>> buyers = new ArrayList<>(itemCount);
        for (int i = 0; i < itemCount; i++) {
            buyers.add(new ArrayList<>());
        }
        for (int u = 0; u < histories.length; u++) {
            for (int item : histories[u]) {
                buyers.get(item).add(u);
            }
        }
        neighbours = new int[itemCount][];
        similarities = new double[itemCount][];
        int[] together = new int[itemCount];
        int[] touched = new int[itemCount];
        TopK top = new TopK(k);
        for (int i = 0; i < itemCount; i++) {
            int touchedCount = 0;
            for (int user : buyers.get(i)) {
                for (int j : histories[user]) {
                    if (j != i && together[j]++ == 0) {
                        touched[touchedCount++] = j;
                    }
                }
            }
            double ni = buyers.get(i).size();
            for (int t = 0; t < touchedCount; t++) {
                int j = touched[t];
                top.offer(j, together[j] / Math.sqrt(ni * buyers.get(j).size()));
                together[j] = 0;
            }
            neighbours[i] = new int[top.size()];
            similarities[i] = new double[top.size()];
            top.drainInto(neighbours[i], similarities[i]);
        }
    }

    @Override
    public int[] rank(int user, int[] history, int k) {
        double[] scores = new double[itemCount];
        for (int item : history) {
            for (int n = 0; n < neighbours[item].length; n++) {
                scores[neighbours[item][n]] += similarities[item][n];
            }
        }
        for (int item : history) {
            scores[item] = Double.NEGATIVE_INFINITY;
        }
        TopK top = new TopK(k);
        for (int i = 0; i < itemCount; i++) {
            if (scores[i] > 0) {
                top.offer(i, scores[i]);
            }
        }
        return top.drainIndices();
    }
}
