package io.aisle.training.alsobought;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.training.evaluation.Metrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the also-bought job picks a similarity from several splits, and names it in their results. */
class SimilarityChoiceTest {

    @Test
    void picksTheBestMeanAcrossSplitsNotTheBestSingleSplit() {
        // confidence wins the first split by a lot, damped wins both by a little on average.
        List<AlsoBoughtJob.SplitEvaluation> splits = List.of(
                split(1, SimilarityMeasure.EASE, Map.of("aisle", 0.40, "confidence", 0.50, "cosine", 0.30, "damped", 0.46)),
                split(2, SimilarityMeasure.EASE, Map.of("aisle", 0.40, "confidence", 0.30, "cosine", 0.30, "damped", 0.46)));
        assertEquals(SimilarityMeasure.DAMPED, AlsoBoughtJob.best(splits, SimilarityMeasure.EASE));
    }

    @Test
    void keepsThePreferredMeasureOnATieAndSkipsMeasuresASplitDidNotScore() {
        List<AlsoBoughtJob.SplitEvaluation> tied = List.of(
                split(1, SimilarityMeasure.EASE, Map.of("aisle", 0.40, "confidence", 0.40, "cosine", 0.30, "damped", 0.40)));
        assertEquals(SimilarityMeasure.EASE, AlsoBoughtJob.best(tied, SimilarityMeasure.EASE));
        // Above --ease-max-items a split uses damped and has no ease to offer.
        List<AlsoBoughtJob.SplitEvaluation> withoutEase = List.of(
                split(1, SimilarityMeasure.DAMPED, Map.of("aisle", 0.40, "confidence", 0.41, "cosine", 0.30)));
        assertEquals(SimilarityMeasure.CONFIDENCE, AlsoBoughtJob.best(withoutEase, SimilarityMeasure.EASE));
    }

    @Test
    void renamesTheChosenMeasureAisleAndGivesTheOneUsedItsOwnName() {
        Map<String, Map<String, Double>> results = hitRates(Map.of("aisle", 0.40, "confidence", 0.41, "popularity", 0.39));
        Map<String, Map<String, Double>> relabelled = AlsoBoughtJob.relabel(results, SimilarityMeasure.EASE, SimilarityMeasure.CONFIDENCE);
        assertEquals(List.of("aisle", "ease", "popularity"), List.copyOf(relabelled.keySet()));
        assertEquals(0.41, relabelled.get("aisle").get(Metrics.HIT_RATE_AT_10));
        assertEquals(0.40, relabelled.get("ease").get(Metrics.HIT_RATE_AT_10));
        assertEquals(results, AlsoBoughtJob.relabel(results, SimilarityMeasure.EASE, SimilarityMeasure.EASE));
    }

    private static AlsoBoughtJob.SplitEvaluation split(long seed, SimilarityMeasure used, Map<String, Double> hitRates) {
        return new AlsoBoughtJob.SplitEvaluation(seed, null, used, 100, hitRates(hitRates), java.util.Optional.empty());
    }

    private static Map<String, Map<String, Double>> hitRates(Map<String, Double> hitRates) {
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        results.put("aisle", Map.of(Metrics.HIT_RATE_AT_10, hitRates.get("aisle")));
        hitRates.forEach((method, value) -> {
            if (!method.equals("aisle")) {
                results.put(method, Map.of(Metrics.HIT_RATE_AT_10, value));
            }
        });
        return results;
    }
}
