package io.aisle.vision.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.vision.frame.CameraFrameWriter;
import io.aisle.vision.ingest.StoreCameraIngest;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.render.CropCatalog;
import io.aisle.vision.render.CropRenderer;
import io.aisle.vision.render.LabeledCrop;
import io.aisle.vision.render.ProductAppearance;
import io.aisle.vision.scene.CameraScene;
import io.aisle.vision.scene.SceneLayout;
import io.aisle.vision.scene.SceneLayouts;
import io.aisle.vision.scene.ShopperWalk;
import io.aisle.vision.tracking.TrackedHandCrop;
import io.aisle.vision.tracking.TrackerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains once (a few seconds on 32x32 crops) and checks the model through save, load and classify. */
class RecognizerRoundTripTest {

    private static final List<String> SKUS = List.of("oat-milk", "soy-milk", "rice-milk", "almond-milk", "kefir", "skyr");
    private static final CropCatalog CATALOG = new CropCatalog(SKUS);
    private static final CropRenderer RENDERER = new CropRenderer(32);

    private static RecognizerTrainer.Result trained;
    private static List<LabeledCrop> holdout;

    @BeforeAll
    static void train() {
        List<LabeledCrop> training = CATALOG.render(RENDERER, 60, 1);
        holdout = CATALOG.render(RENDERER, 15, 2);
        trained = RecognizerTrainer.train(SKUS, training, holdout, new RecognizerTrainer.Settings(32, 6, 32, 0.005f, 42));
    }

    @AfterAll
    static void close() {
        trained.model().close();
    }

    @Test
    void trainingLowersTheLoss() {
        List<Double> losses = trained.meanLossPerEpoch();
        assertTrue(losses.get(losses.size() - 1) < losses.get(0) / 2, losses.toString());
    }

    @Test
    void tellsUnseenCropsApart() {
        assertTrue(trained.holdoutAccuracy() >= 0.9, "holdout accuracy " + trained.holdoutAccuracy());
    }

    @Test
    void tellsTwoCandidatesApartMoreOftenThanAllSix() {
        assertTrue(trained.holdoutPairwiseAccuracy() >= trained.holdoutAccuracy(), trained.toString());
        assertTrue(trained.holdoutPairwiseAccuracy() >= 0.97, "pairwise accuracy " + trained.holdoutPairwiseAccuracy());
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
            int correct = 0;
            for (LabeledCrop crop : holdout) {
                List<String> candidates = List.of(crop.sku(), SKUS.get((SKUS.indexOf(crop.sku()) + 1) % SKUS.size()));
                Map<String, Double> p = recognizer.classify(CropRenderer.png(crop.image()), candidates);
                assertEquals(1.0, p.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
                if (p.get(crop.sku()) > 0.5) {
                    correct++;
                }
            }
            assertTrue(correct >= 0.95 * holdout.size(), correct + " of " + holdout.size());
        }
    }

    @Test
    void recognizesTheProductInHandCropsTrackedFromCameraFrames() {
        SceneLayout store = SceneLayouts.twoCameraStore();
        ShopperWalk walk = new ShopperWalk("ann", 0, 1.0, List.of(store.gate(), new FloorPoint(2.5, 5.8),
                new FloorPoint(2.5, 5.8001)));
        ProductAppearance kefir = CATALOG.products().get(SKUS.indexOf("kefir"));
        CameraScene scene = new CameraScene(store, List.of(walk), List.of(), 4)
                .withReach(new CameraScene.ReachWindow("ann", 1000, walk.exitMillis() + 1, Optional.of(kefir)));
        StoreCameraIngest ingest = StoreCameraIngest.withDefaults(store.cameras(), store.wristLocator(),
                TrackerConfig.defaults(store.entryZone()));
        List<TrackedHandCrop> crops = new ArrayList<>();
        for (long t = 0; t <= walk.exitMillis(); t += CameraScene.TICK_MILLIS) {
            crops.addAll(ingest.accept(CameraFrameWriter.write(scene.framesAt(t))).handCrops());
        }
        assertTrue(crops.size() > 10, crops.size() + " crops");
        int kefirWins = 0;
        try (DjlProductRecognizer recognizer = trained.model().newRecognizer()) {
            for (TrackedHandCrop crop : crops) {
                assertEquals("shopper-1", crop.trackId());
                Map<String, Double> p = recognizer.classify(crop.crop().imageBytes(), List.of("skyr", "kefir"));
                if (p.get("kefir") > 0.5) {
                    kefirWins++;
                }
            }
        }
        assertTrue(kefirWins >= 0.9 * crops.size(), kefirWins + " of " + crops.size());
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
