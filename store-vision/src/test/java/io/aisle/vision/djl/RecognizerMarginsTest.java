package io.aisle.vision.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import io.aisle.vision.render.LabeledCrop;
import io.aisle.vision.testing.RecognizerExam;
import io.aisle.vision.tracking.TrackedHandCrop;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The margin sweep behind {@link RecognizerExam}'s bars: trains with seeds 42 onwards (as many as
 * {@code aisle.margins.seeds}) and prints each model's scores and the worst and mean of each, so
 * that a bar can sit below the worst case with room to spare. Off unless that property is set;
 * {@code scripts/trained-model-margins.sh} runs it with 1 and with 2 intra-op threads.
 */
@EnabledIfSystemProperty(named = "aisle.margins.seeds", matches = "[1-9][0-9]*")
class RecognizerMarginsTest {

    @Test
    void everySeedClearsTheRoundTripBars() {
        int seeds = Integer.getInteger("aisle.margins.seeds");
        List<LabeledCrop> holdout = RecognizerExam.holdout();
        List<TrackedHandCrop> handCrops = RecognizerExam.kefirHandCrops();
        List<RecognizerExam.Scores> all = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        for (int n = 0; n < seeds; n++) {
            long seed = 42 + n;
            RecognizerTrainer.Result trained = RecognizerExam.train(seed);
            try (RecognizerModel model = trained.model()) {
                RecognizerExam.Scores scores = RecognizerExam.score(trained, model, holdout, handCrops);
                System.out.println("recognizer seed " + seed + ": " + scores);
                all.add(scores);
                scores.missedBars().forEach(miss -> misses.add("seed " + seed + ": " + miss));
            }
        }
        int threads = JniUtils.getNumThreads();
        System.out.println("recognizer margins, " + seeds + " seeds, " + threads + " intra-op threads:");
        summary("loss ratio (max)", all, RecognizerExam.Scores::lossRatio, true);
        summary("holdout accuracy", all, RecognizerExam.Scores::holdoutAccuracy, false);
        summary("pairwise accuracy", all, RecognizerExam.Scores::pairwiseAccuracy, false);
        IntSummaryStatistics png = all.stream().mapToInt(RecognizerExam.Scores::pngPairsWon).summaryStatistics();
        IntSummaryStatistics hands = all.stream().mapToInt(RecognizerExam.Scores::handCropsWon).summaryStatistics();
        System.out.printf("  PNG pairs won: min %d/%d, mean %.2f%n", png.getMin(), holdout.size(), png.getAverage());
        System.out.printf("  hand crops won: min %d/%d, mean %.2f%n", hands.getMin(), handCrops.size(), hands.getAverage());
        assertEquals(Integer.getInteger("aisle.test.threads", 1), threads, "intra-op threads");
        assertTrue(misses.isEmpty(), String.join("\n", misses));
    }

    private static void summary(String name, List<RecognizerExam.Scores> all,
            ToDoubleFunction<RecognizerExam.Scores> metric, boolean worstIsHighest) {
        double worst = worstIsHighest
                ? all.stream().mapToDouble(metric).max().orElseThrow()
                : all.stream().mapToDouble(metric).min().orElseThrow();
        double mean = all.stream().mapToDouble(metric).average().orElseThrow();
        System.out.printf("  %s: worst %.4f, mean %.4f%n", name, worst, mean);
    }
}
