package io.aisle.vision.testing;

import io.aisle.vision.djl.DjlProductRecognizer;
import io.aisle.vision.djl.RecognizerModel;
import io.aisle.vision.djl.RecognizerTrainer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recognizer's exam: six dairy SKUs rendered at 32 px (60 training and 15 holdout crops each,
 * fixed seeds), the hand crops of one shopper picking kefir seen by the two-camera store, and the
 * bars a trained model must clear. Only the training seed and the intra-op thread count vary
 * between the round-trip test and the margin sweep.
 *
 * <p>The bars come from {@code scripts/trained-model-margins.sh}: 20 seeds (42..61) trained with 1
 * and with 2 PyTorch intra-op threads. PyTorch trains to different weights on different CPUs and
 * thread counts, so a bar the measured worst case meets with nothing to spare fails elsewhere (the
 * hand-crop bar of 90% once failed at 31 of 35 on an AMD EPYC).
 */
public final class RecognizerExam {

    public static final List<String> SKUS = List.of("oat-milk", "soy-milk", "rice-milk", "almond-milk", "kefir", "skyr");
    public static final CropCatalog CATALOG = new CropCatalog(SKUS);
    public static final CropRenderer RENDERER = new CropRenderer(32);

    // Each bar below: the worst and the mean of 40 models (seeds 42..61 x {1, 2} intra-op threads),
    // measured with scripts/trained-model-margins.sh on 2 cores (x86-64), and the margin the bar leaves.

    /** Last epoch's mean loss over the first's. Worst 0.141, mean 0.072; bar 0.25 leaves 0.11. */
    public static final double MAX_LOSS_RATIO = 0.25;
    /**
     * Top-1 accuracy over all six SKUs on the 90 holdout crops. Worst 0.911 (82/90), mean 0.982;
     * bar 0.85 (77/90) leaves 5 crops.
     */
    public static final double MIN_HOLDOUT_ACCURACY = 0.85;
    /**
     * The true SKU's probability above another SKU's, over holdout crops and other SKUs (450 pairs).
     * Worst 0.980 (441/450), mean 0.996; bar 0.96 (432/450) leaves 9 pairs.
     */
    public static final double MIN_PAIRWISE_ACCURACY = 0.96;
    /**
     * Holdout crops, sent as PNG, won against the next SKU in the list as the plate's other
     * candidate. Worst 87/90, mean 89.7; bar 0.9 (81/90) leaves 6 crops.
     */
    public static final double MIN_PNG_PAIR_SHARE = 0.9;
    /** Tracked hand crops in which kefir beats skyr. Worst 34/35, mean 34.95; bar 0.8 (28/35) leaves 6 crops. */
    public static final double MIN_HAND_CROP_SHARE = 0.8;

    /**
     * How one trained model did.
     *
     * @param pngPairsWon holdout crops won in {@link #MIN_PNG_PAIR_SHARE}'s two-candidate test
     * @param handCropsWon hand crops in which kefir beat skyr, of {@code handCrops}
     */
    public record Scores(double lossRatio, double holdoutAccuracy, double pairwiseAccuracy, int pngPairsWon,
            int holdoutCrops, int handCropsWon, int handCrops) {

        /** The bars this model misses, empty when it clears them all. */
        public List<String> missedBars() {
            List<String> missed = new ArrayList<>();
            if (!(lossRatio < MAX_LOSS_RATIO)) {
                missed.add("loss ratio " + lossRatio + " >= " + MAX_LOSS_RATIO);
            }
            if (holdoutAccuracy < MIN_HOLDOUT_ACCURACY) {
                missed.add("holdout accuracy " + holdoutAccuracy + " < " + MIN_HOLDOUT_ACCURACY);
            }
            if (pairwiseAccuracy < MIN_PAIRWISE_ACCURACY || pairwiseAccuracy < holdoutAccuracy) {
                missed.add("pairwise accuracy " + pairwiseAccuracy + " < " + MIN_PAIRWISE_ACCURACY + " or top-1");
            }
            if (pngPairsWon < MIN_PNG_PAIR_SHARE * holdoutCrops) {
                missed.add("PNG pairs " + pngPairsWon + " of " + holdoutCrops);
            }
            if (handCropsWon < MIN_HAND_CROP_SHARE * handCrops) {
                missed.add("hand crops " + handCropsWon + " of " + handCrops);
            }
            return missed;
        }

        @Override
        public String toString() {
            return String.format("loss ratio %.3f, holdout %.3f, pairwise %.4f, PNG pairs %d/%d, hand crops %d/%d",
                    lossRatio, holdoutAccuracy, pairwiseAccuracy, pngPairsWon, holdoutCrops, handCropsWon, handCrops);
        }
    }

    private RecognizerExam() {
    }

    public static List<LabeledCrop> training() {
        return CATALOG.render(RENDERER, 60, 1);
    }

    public static List<LabeledCrop> holdout() {
        return CATALOG.render(RENDERER, 15, 2);
    }

    /**
     * Trains on {@link #training()}; the seed sets the initial weights and the batch order. Twelve
     * epochs at a step of 0.002 rather than six at 0.005: the shorter run left a long tail (20 seeds:
     * holdout accuracy down to 0.81, hand crops down to 24 of 35) that no useful bar clears, for
     * about 2 s more training.
     */
    public static RecognizerTrainer.Result train(long seed) {
        return RecognizerTrainer.train(SKUS, training(), holdout(), new RecognizerTrainer.Settings(32, 12, 32, 0.002f, seed));
    }

    /** The hand crops the tracker cuts while one shopper stands at the dairy shelf holding kefir. */
    public static List<TrackedHandCrop> kefirHandCrops() {
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
        return crops;
    }

    /** Holdout crops, as PNG, whose own SKU beats the next one in {@link #SKUS}. */
    public static int pngPairsWon(DjlProductRecognizer recognizer, List<LabeledCrop> holdout) {
        int won = 0;
        for (LabeledCrop crop : holdout) {
            List<String> candidates = List.of(crop.sku(), SKUS.get((SKUS.indexOf(crop.sku()) + 1) % SKUS.size()));
            if (recognizer.classify(CropRenderer.png(crop.image()), candidates).get(crop.sku()) > 0.5) {
                won++;
            }
        }
        return won;
    }

    /** Hand crops in which kefir beats skyr. */
    public static int kefirWins(DjlProductRecognizer recognizer, List<TrackedHandCrop> crops) {
        int won = 0;
        for (TrackedHandCrop crop : crops) {
            Map<String, Double> p = recognizer.classify(crop.crop().imageBytes(), List.of("skyr", "kefir"));
            if (p.get("kefir") > 0.5) {
                won++;
            }
        }
        return won;
    }

    /** Scores a trained model on every part of the exam. */
    public static Scores score(RecognizerTrainer.Result trained, RecognizerModel model, List<LabeledCrop> holdout,
            List<TrackedHandCrop> handCrops) {
        List<Double> losses = trained.meanLossPerEpoch();
        try (DjlProductRecognizer recognizer = model.newRecognizer()) {
            return new Scores(losses.get(losses.size() - 1) / losses.get(0), trained.holdoutAccuracy(),
                    trained.holdoutPairwiseAccuracy(), pngPairsWon(recognizer, holdout), holdout.size(),
                    kefirWins(recognizer, handCrops), handCrops.size());
        }
    }
}
