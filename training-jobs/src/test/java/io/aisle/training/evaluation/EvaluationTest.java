package io.aisle.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void hidesOneKnownItemPerBasketAndSkipsBasketsWithFewerThanTwo() {
        BasketEvaluation evaluation = BasketEvaluation.of(
                List.of(List.of("a", "b"), List.of("a", "zzz"), List.of("c")), Set.of("a", "b", "c"), 42);
        assertEquals(1, evaluation.caseCount());
    }

    @Test
    void creditsAHitAtRankOneWithFullGainAndAHitAtRankTwoWithLess() {
        BasketEvaluation evaluation = BasketEvaluation.of(List.of(List.of("a", "b")), Set.of("a", "b"), 42);
        Map<String, BiFunction<List<String>, Integer, List<String>>> methods = new LinkedHashMap<>();
        methods.put("oracle", (visible, k) -> visible.contains("a") ? List.of("b") : List.of("a"));
        methods.put("second", (visible, k) -> visible.contains("a") ? List.of("x", "b") : List.of("x", "a"));
        methods.put("miss", (visible, k) -> List.of("x"));
        Map<String, Map<String, Double>> results = evaluation.run(methods);
        assertEquals(1.0, results.get("oracle").get(Metrics.HIT_RATE_AT_10));
        assertEquals(1.0, results.get("oracle").get(Metrics.NDCG_AT_10), 1e-12);
        assertEquals(1 / (Math.log(3) / Math.log(2)), results.get("second").get(Metrics.NDCG_AT_10), 1e-12);
        assertEquals(0.0, results.get("miss").get(Metrics.HIT_RATE_AT_10));
    }

    @Test
    void measuresRecallOverTestItemsAndNdcgAgainstTheIdealList() {
        int[][] histories = {{0}};
        int[][] test = {{1, 2}};
        UserEvaluation evaluation = new UserEvaluation(histories, test, 10, 1);
        Map<String, UserEvaluation.UserRanker> methods = new LinkedHashMap<>();
        methods.put("half", (user, history, k) -> new int[] {3, 2});
        Map<String, Double> result = evaluation.run(methods).get("half");
        assertEquals(0.5, result.get(Metrics.RECALL_AT_10), 1e-12);
        double ideal = 1 + 1 / (Math.log(3) / Math.log(2));
        assertEquals((1 / (Math.log(3) / Math.log(2))) / ideal, result.get(Metrics.NDCG_AT_10), 1e-12);
    }

    @Test
    void splitsTheSameKeyTheSameWayEveryTime() {
        SeededSplit split = new SeededSplit(42, 0.2);
        long tests = 0;
        for (int i = 0; i < 10_000; i++) {
            boolean first = split.isTest("basket-" + i);
            assertEquals(first, new SeededSplit(42, 0.2).isTest("basket-" + i));
            tests += first ? 1 : 0;
        }
        assertEquals(0.2, tests / 10_000.0, 0.02);
    }

    @Test
    void summarisesMethodsOverSplitsWithMeanSampleDeviationAndWins() {
        RepeatedSplits splits = new RepeatedSplits(List.of(1L, 2L, 3L), List.of(
                Map.of("aisle", Map.of(Metrics.HIT_RATE_AT_10, 0.40), "confidence", Map.of(Metrics.HIT_RATE_AT_10, 0.41)),
                Map.of("aisle", Map.of(Metrics.HIT_RATE_AT_10, 0.44), "confidence", Map.of(Metrics.HIT_RATE_AT_10, 0.41)),
                Map.of("aisle", Map.of(Metrics.HIT_RATE_AT_10, 0.42), "confidence", Map.of(Metrics.HIT_RATE_AT_10, 0.41))));
        assertEquals(0.42, splits.mean().get("aisle").get(Metrics.HIT_RATE_AT_10), 1e-12);
        assertEquals(0.02, splits.standardDeviation().get("aisle").get(Metrics.HIT_RATE_AT_10), 1e-12);
        assertEquals(0.0, splits.standardDeviation().get("confidence").get(Metrics.HIT_RATE_AT_10), 1e-12);
        assertEquals(2, splits.splitsWon("aisle", "confidence", Metrics.HIT_RATE_AT_10));
        assertEquals(1, splits.splitsWon("confidence", "aisle", Metrics.HIT_RATE_AT_10));
    }

    @Test
    void refusesSplitsWithoutOneResultPerSeed() {
        Map<String, Map<String, Double>> one = Map.of("aisle", Map.of(Metrics.HIT_RATE_AT_10, 0.4));
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new RepeatedSplits(List.of(1L, 2L), List.of(one)));
        assertEquals("need one result per seed, at least one; got 2 seeds and 1 results", error.getMessage());
    }
}
