package io.aisle.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class EaseBaselineTest {

    /** Users who each buy from one of four groups of items, with some noise, seeded. */
    private static int[][] groupedHistories(int users, int items, long seed) {
        Random random = new Random(seed);
        int[][] histories = new int[users][];
        int groupSize = items / 4;
        for (int u = 0; u < users; u++) {
            int group = u % 4;
            TreeSet<Integer> bought = new TreeSet<>();
            int size = 3 + random.nextInt(5);
            while (bought.size() < size) {
                bought.add(random.nextDouble() < 0.85 ? group * groupSize + random.nextInt(groupSize) : random.nextInt(items));
            }
            histories[u] = bought.stream().mapToInt(Integer::intValue).toArray();
        }
        return histories;
    }

    private static double[][] gram(int[][] histories, int items) {
        double[][] gram = new double[items][items];
        for (int[] history : histories) {
            for (int a : history) {
                for (int b : history) {
                    gram[a][b]++;
                }
            }
        }
        return gram;
    }

    @Test
    void weightsSatisfyTheClosedFormOptimalityConditions() {
        int items = 24;
        int[][] histories = groupedHistories(200, items, 7);
        double lambda = 5;
        EaseBaseline ease = new EaseBaseline(histories, items, 1000, lambda);
        double[][] gram = gram(histories, items);
        // EASE minimises ||X - XB||^2 + lambda ||B||^2 with diag(B) = 0, so off the diagonal
        // (G + lambda I) B equals G; on it the Lagrange multipliers make up the difference.
        for (int i = 0; i < items; i++) {
            assertEquals(0, ease.weight(i, i));
            for (int j = 0; j < items; j++) {
                if (i == j) {
                    continue;
                }
                double product = lambda * ease.weight(i, j);
                for (int k = 0; k < items; k++) {
                    product += gram[i][k] * ease.weight(k, j);
                }
                assertEquals(gram[i][j], product, 1e-3 * Math.max(1, gram[i][j]), "entry " + i + "," + j);
            }
        }
    }

    @Test
    void recommendsItemsOfTheUsersGroupAndNeverTheirOwn() {
        int items = 40;
        int[][] histories = groupedHistories(400, items, 11);
        EaseBaseline ease = new EaseBaseline(histories, items, 1000, 20);
        int[] history = {0, 1, 2};
        int[] ranked = ease.rank(0, history, 5);
        assertEquals(5, ranked.length);
        for (int item : ranked) {
            assertTrue(Arrays.binarySearch(history, item) < 0, "recommended an item of the history: " + item);
            assertTrue(item < 10, "item " + item + " is outside the user's group 0..9");
        }
    }

    @Test
    void coversOnlyTheMostBoughtItemsWhenCapped() {
        int[][] histories = {{0, 1}, {0, 1}, {0, 2}, {1, 3}, {0, 1, 3}};
        EaseBaseline ease = new EaseBaseline(histories, 5, 3, 1);
        assertEquals(3, ease.coveredItemCount());
        assertEquals(0, ease.weight(0, 2), "item 2 is the least bought and outside the solve");
        assertTrue(ease.weight(0, 1) != 0);
        int[] ranked = ease.rank(0, new int[] {0}, 5);
        assertTrue(Arrays.stream(ranked).allMatch(item -> item == 1 || item == 3), Arrays.toString(ranked));
    }

    @Test
    void tuningPicksACandidateLambdaAndRepeatsForTheSameSeed() {
        int[][] histories = groupedHistories(300, 32, 3);
        EaseBaseline first = EaseBaseline.tuned(histories, 32, 1000, 42);
        EaseBaseline again = EaseBaseline.tuned(histories, 32, 1000, 42);
        assertTrue(Arrays.stream(EaseBaseline.LAMBDA_CANDIDATES).anyMatch(candidate -> candidate == first.lambda()));
        assertEquals(first.lambda(), again.lambda());
        assertArrayEquals(first.rank(5, histories[5], 10), again.rank(5, histories[5], 10));
    }

    @Test
    void beatsPopularityOnHeldOutItemsOfGroupedShoppers() {
        int items = 40;
        int[][] all = groupedHistories(600, items, 5);
        int[][] train = new int[all.length][];
        int[][] test = new int[all.length][];
        for (int u = 0; u < all.length; u++) {
            int cut = all[u].length - 1;
            int[] shuffled = all[u].clone();
            shuffle(shuffled, new Random(u));
            train[u] = Arrays.stream(shuffled, 0, cut).sorted().toArray();
            test[u] = Arrays.stream(shuffled, cut, shuffled.length).sorted().toArray();
        }
        UserEvaluation evaluation = new UserEvaluation(train, test, 600, 1);
        java.util.Map<String, UserEvaluation.UserRanker> methods = new java.util.LinkedHashMap<>();
        methods.put("ease", new EaseBaseline(train, items, 1000, 30));
        methods.put("popularity", (user, history, k) -> {
            int[] counts = new int[items];
            for (int[] h : train) {
                for (int item : h) {
                    counts[item]++;
                }
            }
            return java.util.stream.IntStream.range(0, items).boxed()
                    .filter(item -> Arrays.binarySearch(history, item) < 0)
                    .sorted((a, b) -> counts[b] - counts[a]).limit(k).mapToInt(Integer::intValue).toArray();
        });
        var results = evaluation.run(methods);
        double ease = results.get("ease").get(Metrics.RECALL_AT_10);
        double popularity = results.get("popularity").get(Metrics.RECALL_AT_10);
        assertTrue(ease > popularity + 0.2, "ease " + ease + " against popularity " + popularity);
    }

    @Test
    void refusesANonPositiveLambda() {
        assertThrows(IllegalArgumentException.class, () -> new EaseBaseline(new int[][] {{0, 1}}, 2, 10, 0));
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
