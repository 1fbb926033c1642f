package io.aisle.vision.djl;

import static io.aisle.vision.testing.RecognizerExam.SKUS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.vision.render.CropRenderer;
import io.aisle.vision.render.LabeledCrop;
import io.aisle.vision.testing.RecognizerExam;
import io.aisle.vision.tracking.TrackedHandCrop;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains once (a few seconds on 32x32 crops, seed 42, {@code aisle.test.threads} PyTorch intra-op
 * threads) and checks the model through save, load and classify, against {@link RecognizerExam}'s
 * measured bars.
 */
class RecognizerRoundTripTest {

    private static RecognizerTrainer.Result trained;
    private static List<LabeledCrop> holdout;

    @BeforeAll
    static void train() {
        holdout = RecognizerExam.holdout();
        trained = RecognizerExam.train(42);
    }

    @AfterAll
    static void close() {
        trained.model().close();
    }

    @Test
    void trainingLowersTheLoss() {
        List<Double> losses = trained.meanLossPerEpoch();
        assertTrue(losses.get(losses.size() - 1) < losses.get(0) * RecognizerExam.MAX_LOSS_RATIO, losses.toString());
    }

    @Test
    void tellsUnseenCropsApart() {
        assertTrue(trained.holdoutAccuracy() >= RecognizerExam.MIN_HOLDOUT_ACCURACY, "holdout accuracy " + trained.holdoutAccuracy());
    }

    @Test
    void tellsTwoCandidatesApartMoreOftenThanAllSix() {
        assertTrue(trained.holdoutPairwiseAccuracy() >= trained.holdoutAccuracy(), trained.toString());
        assertTrue(trained.holdoutPairwiseAccuracy() >= RecognizerExam.MIN_PAIRWISE_ACCURACY,
                "pairwise accuracy " + trained.holdoutPairwiseAccuracy());
    }

    @Test
    void loadedModelGivesTheSameProbabilitiesAsTheTrainedOne(@TempDir Path dir) {
        trained.model().save(dir);
        try (RecognizerModel loaded = RecognizerModel.load(dir);
                DjlProductRecognizer before = trained.model().newRecognizer();
                DjlProductRecognizer after = loaded.newRecognizer()) {
            assertEquals(SKUS, loaded.classes());
            for (LabeledCrop crop : holdout.subList(0, 12)) {
                assertArrayEquals(before.probabilities(crop.image()), after.probabilities(crop.image()), 1e-5f);
            }
        }
    }

    @Test
    void classifiesAPngCropAmongThePlateCandidates(@TempDir Path dir) {
        trained.model().save(dir);
        try (RecognizerModel loaded = RecognizerModel.load(dir); DjlProductRecognizer recognizer = loaded.newRecognizer()) {
            for (LabeledCrop crop : holdout.subList(0, 12)) {
                List<String> candidates = List.of(crop.sku(), SKUS.get((SKUS.indexOf(crop.sku()) + 1) % SKUS.size()));
                Map<String, Double> p = recognizer.classify(CropRenderer.png(crop.image()), candidates);
                assertEquals(1.0, p.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
            }
            int won = RecognizerExam.pngPairsWon(recognizer, holdout);
            assertTrue(won >= RecognizerExam.MIN_PNG_PAIR_SHARE * holdout.size(), won + " of " + holdout.size());
        }
    }

    @Test
    void recognizesTheProductInHandCropsTrackedFromCameraFrames() {
        List<TrackedHandCrop> crops = RecognizerExam.kefirHandCrops();
        assertTrue(crops.size() > 10, crops.size() + " crops");
        crops.forEach(crop -> assertEquals("shopper-1", crop.trackId()));
        try (DjlProductRecognizer recognizer = trained.model().newRecognizer()) {
            int kefirWins = RecognizerExam.kefirWins(recognizer, crops);
            assertTrue(kefirWins >= RecognizerExam.MIN_HAND_CROP_SHARE * crops.size(), kefirWins + " of " + crops.size());
        }
    }

    @Test
    void givesAnUnknownCandidateNoProbability() {
        try (DjlProductRecognizer recognizer = trained.model().newRecognizer()) {
            Map<String, Double> p = recognizer.classify(CropRenderer.png(holdout.get(0).image()), List.of("kefir", "caviar"));
            assertEquals(Map.of("kefir", 1.0, "caviar", 0.0), p);
        }
    }

    @Test
    void refusesBytesThatAreNotAnImage() {
        try (DjlProductRecognizer recognizer = trained.model().newRecognizer()) {
            assertThrows(IllegalArgumentException.class, () -> recognizer.classify(new byte[] {1, 2, 3}, List.of("kefir")));
        }
    }
}
