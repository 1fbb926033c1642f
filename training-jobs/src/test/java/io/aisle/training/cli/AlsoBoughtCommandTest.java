package io.aisle.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.training.alsobought.SimilarityMeasure;
import io.aisle.training.evaluation.Metrics;
import io.aisle.training.evaluation.RepeatedSplits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AlsoBoughtCommandTest {

    @Test
    void summarisesTheSplitsByTheChosenMethodsMeanAndItsWinsOverEachOther() {
        RepeatedSplits splits = new RepeatedSplits(List.of(7L, 8L), List.of(split(0.40, 0.41, 0.30), split(0.44, 0.41, 0.30)));
        assertEquals("seeds 7-8: aisle hr@10 mean 0.4200 sd 0.0283, higher than confidence on 1 of 2 splits, popularity on 2",
                AlsoBoughtCommand.splitSummary(splits));
    }

    @Test
    void refusesAnUnknownSimilarityAndAutoWithoutALaterSplit() {
        AlsoBoughtOptions options = new AlsoBoughtOptions();
        new CommandLine(options).parseArgs("--similarity", "bogus");
        assertEquals("--similarity must be ease, neighbourhood-ease, damped, confidence, cosine or auto but was 'bogus'",
                assertThrows(IllegalArgumentException.class, options::check).getMessage());

        new CommandLine(options).parseArgs("--similarity", "auto");
        assertTrue(assertThrows(IllegalArgumentException.class, options::check).getMessage()
                .startsWith("--similarity auto needs --eval-splits 2 or more"));
        new CommandLine(options).parseArgs("--similarity", "auto", "--eval-splits", "3");
        assertTrue(options.settings(42).chooseSimilarity());
        assertEquals("best mean hr@10 on seeds 43-44",
                options.parameters(SimilarityMeasure.EASE, 42).get("similarityChosenOn"));
    }

    private static Map<String, Map<String, Double>> split(double aisle, double confidence, double popularity) {
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        results.put("aisle", Map.of(Metrics.HIT_RATE_AT_10, aisle));
        results.put("confidence", Map.of(Metrics.HIT_RATE_AT_10, confidence));
        results.put("popularity", Map.of(Metrics.HIT_RATE_AT_10, popularity));
        return results;
    }
}
