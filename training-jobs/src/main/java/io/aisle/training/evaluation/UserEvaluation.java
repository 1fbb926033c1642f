package io.aisle.training.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-user top-10 evaluation on a held-out split: each method ranks all items not in the user's
 * training history; Recall@10 = hits / |test items|, NDCG@10 is normalised by the ideal DCG of
 * min(|test items|, 10) hits. Both are averaged over evaluated users (users with at least one test item).
 */
public final class UserEvaluation {

    /** Ranks items for one user; must not return items of the user's training history. */
    @FunctionalInterface
    public interface UserRanker {
        int[] rank(int user, int[] history, int k);
    }

    private final int[][] histories;
    private final int[][] testItems;
    private final int[] users;

    /**
     * @param maxUsers evaluate at most this many users, chosen by a seeded hash of their index
     */
    public UserEvaluation(int[][] histories, int[][] testItems, int maxUsers, long seed) {
        this(histories, testItems, maxUsers, seed, user -> true);
    }

    /** @param eligibleUsers only these users are evaluated (for example those the ranker did not train on) */
    public UserEvaluation(int[][] histories, int[][] testItems, int maxUsers, long seed, java.util.function.IntPredicate eligibleUsers) {
        this.histories = histories;
        this.testItems = testItems;
        java.util.List<Integer> eligible = new java.util.ArrayList<>();
        for (int u = 0; u < testItems.length; u++) {
            if (testItems[u].length > 0 && eligibleUsers.test(u)) {
                eligible.add(u);
            }
        }
        eligible.sort(java.util.Comparator.comparingDouble(u -> SeededSplit.unit(seed, Integer.toString(u))));
        this.users = eligible.stream().limit(maxUsers).mapToInt(Integer::intValue).sorted().toArray();
    }

    public int userCount() {
        return users.length;
    }

    public Map<String, Map<String, Double>> run(Map<String, UserRanker> methods) {
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        for (Map.Entry<String, UserRanker> method : methods.entrySet()) {
            double recall = 0;
            double ndcg = 0;
            for (int user : users) {
                int[] ranked = method.getValue().rank(user, histories[user], Metrics.CUTOFF);
                int[] test = testItems[user];
                double dcg = 0;
                int hits = 0;
                for (int rank = 0; rank < Math.min(Metrics.CUTOFF, ranked.length); rank++) {
                    if (java.util.Arrays.binarySearch(histories[user], ranked[rank]) >= 0) {
                        throw new IllegalStateException("method " + method.getKey() + " returned a training item of user " + user);
                    }
                    if (java.util.Arrays.binarySearch(test, ranked[rank]) >= 0) {
                        hits++;
                        dcg += Metrics.discount(rank);
                    }
                }
                double ideal = 0;
                for (int rank = 0; rank < Math.min(Metrics.CUTOFF, test.length); rank++) {
                    ideal += Metrics.discount(rank);
                }
                recall += (double) hits / test.length;
                ndcg += dcg / ideal;
            }
            int n = Math.max(1, users.length);
            results.put(method.getKey(), Map.of(Metrics.RECALL_AT_10, recall / n, Metrics.NDCG_AT_10, ndcg / n));
        }
        return results;
    }
}
