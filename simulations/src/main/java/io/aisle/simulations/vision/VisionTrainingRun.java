package io.aisle.simulations.vision;

import io.aisle.fusion.layout.StoreLayout;
import io.aisle.recommender.registry.Manifest;
import io.aisle.recommender.registry.ModelDraft;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.vision.djl.RecognizerModel;
import io.aisle.vision.djl.RecognizerTrainer;
import io.aisle.vision.render.CropCatalog;
import io.aisle.vision.render.CropRenderer;
import io.aisle.vision.render.LabeledCrop;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code train vision}: renders training and holdout crops of a catalogue (SKUs, or the appearance
 * ids of a store layout's products), trains the recognizer,
 * measures holdout accuracy and batch-1 latency, and publishes the model to the shared
 * {@link ModelRegistry} as {@code {registry}/{tenant}/product-recognizer/v{nnnnnn}/} (manifest with
 * type, data fingerprint, row counts, parameters, evaluation and checksums). Leaves PyTorch at one intra-op thread, the
 * setting the latency figures are published for.
 */
public final class VisionTrainingRun {

    public static final String MODEL_NAME = "product-recognizer";
    /** The manifest's model type. */
    public static final String MODEL_TYPE = "product-recognizer";

    /**
     * @param skus the classes to learn: SKUs, or a store's appearance ids
     * @param trainPerProduct rendered training crops per SKU
     * @param holdoutPerProduct rendered holdout crops per SKU, from a different seed
     * @param latencySamples batch-1 calls timed after training; 0 skips the measurement
     * @param storeId the store whose layout gave the classes (its appearance ids), when one did
     */
    public record Options(List<String> skus, int trainPerProduct, int holdoutPerProduct,
            RecognizerTrainer.Settings settings, int latencySamples, Optional<String> storeId) {

        public Options {
            skus = List.copyOf(skus);
            if (trainPerProduct < 1 || holdoutPerProduct < 1 || latencySamples < 0) {
                throw new IllegalArgumentException("need trainPerProduct >= 1, holdoutPerProduct >= 1 and"
                        + " latencySamples >= 0 but were " + trainPerProduct + ", " + holdoutPerProduct + ", "
                        + latencySamples);
            }
        }

        public Options(List<String> skus, int trainPerProduct, int holdoutPerProduct,
                RecognizerTrainer.Settings settings, int latencySamples) {
            this(skus, trainPerProduct, holdoutPerProduct, settings, latencySamples, Optional.empty());
        }

        /**
         * Options for a store: one class per distinct appearance id of its products, so the model
         * sees the crops the store's cameras send ({@link StoreLayout#appearanceIds()}).
         */
        public static Options forStore(StoreLayout layout, int trainPerProduct, int holdoutPerProduct,
                RecognizerTrainer.Settings settings, int latencySamples) {
            List<String> appearances = layout.appearanceIds();
            if (appearances.size() < 2) {
                throw new IllegalArgumentException("store " + layout.storeId() + " has " + appearances.size()
                        + " distinct appearanceId; a recognizer needs at least 2");
            }
            return new Options(appearances, trainPerProduct, holdoutPerProduct, settings, latencySamples,
                    Optional.of(layout.storeId()));
        }
    }

    /**
     * What one run did. Latency is measured in the same run with the two settings taking turns in
     * blocks: PyTorch's default intra-op pool ({@code defaultThreads} threads, the baseline) and one
     * intra-op thread, the configuration to serve with; both are null when not measured.
     */
    public record Report(Path versionDir, String version, double holdoutAccuracy, double holdoutPairwiseAccuracy,
            List<Double> meanLossPerEpoch,
            int trainingCrops, int holdoutCrops, long trainingMillis, int defaultThreads,
            LatencySummary latencyDefaultThreads, LatencySummary latency) {
    }

    private VisionTrainingRun() {
    }

    public static Report run(Options options, Path registry, String tenant, Clock clock, PrintStream log) {
        CropCatalog catalog = new CropCatalog(options.skus());
        CropRenderer renderer = new CropRenderer(options.settings().imageSizePixels());
        long seed = options.settings().seed();
        List<LabeledCrop> training = catalog.render(renderer, options.trainPerProduct(), seed);
        List<LabeledCrop> holdout = catalog.render(renderer, options.holdoutPerProduct(), seed + 1);
        options.storeId().ifPresent(store -> log.printf("store %s: %d appearance ids%n", store, options.skus().size()));
        log.printf("rendered %d training and %d holdout crops of %d products%n", training.size(), holdout.size(),
                options.skus().size());
        long start = System.nanoTime();
        RecognizerTrainer.Result result = RecognizerTrainer.train(catalog.skus(), training, holdout, options.settings());
        long trainingMillis = (System.nanoTime() - start) / 1_000_000;
        try (RecognizerModel model = result.model()) {
            log.printf("trained in %.1f s; loss per epoch %s; holdout accuracy %.4f over %d products, %.4f between"
                    + " two%n", trainingMillis / 1000.0,
                    result.meanLossPerEpoch().stream().map(l -> String.format("%.3f", l)).toList(),
                    result.holdoutAccuracy(), options.skus().size(), result.holdoutPairwiseAccuracy());
            LatencySummary baseline = null;
            LatencySummary latency = null;
            int defaultThreads = RecognizerModel.setIntraOpThreads(1);
            if (options.latencySamples() > 0) {
                LatencySummary[] measured = RecognizerLatency.compare(model, holdout, options.latencySamples(),
                        defaultThreads, 1);
                baseline = measured[0];
                latency = measured[1];
                print(log, defaultThreads + " intra-op threads (default)", baseline);
                print(log, "1 intra-op thread", latency);
                log.printf("p99 ratio, default threads / one thread: %.1f%n", baseline.p99Millis() / latency.p99Millis());
            }
            ModelDraft draft = new ModelDraft(MODEL_TYPE, fingerprint(catalog.skus(), options),
                    Map.of("training", (long) training.size(), "holdout", (long) holdout.size()),
                    parameters(options),
                    Map.of("holdout", evaluation(result, latency)));
            ModelRegistry models = new ModelRegistry(registry, clock);
            Manifest manifest = models.publish(tenant, MODEL_NAME, draft, model::save);
            Path versionDir = models.root().resolve(tenant).resolve(MODEL_NAME).resolve(manifest.version());
            log.printf("published %s%n", versionDir);
            return new Report(versionDir, manifest.version(), result.holdoutAccuracy(),
                    result.holdoutPairwiseAccuracy(), result.meanLossPerEpoch(), training.size(), holdout.size(),
                    trainingMillis, defaultThreads, baseline, latency);
        }
    }

    /** Training parameters; a model trained for a store says which, and that its classes are appearance ids. */
    private static Map<String, String> parameters(Options options) {
        Map<String, String> parameters = new TreeMap<>();
        parameters.put("epochs", String.valueOf(options.settings().epochs()));
        parameters.put("batchSize", String.valueOf(options.settings().batchSize()));
        parameters.put("learningRate", String.valueOf(options.settings().learningRate()));
        parameters.put("imageSizePixels", String.valueOf(options.settings().imageSizePixels()));
        parameters.put("seed", String.valueOf(options.settings().seed()));
        options.storeId().ifPresent(store -> {
            parameters.put("storeId", store);
            parameters.put("classes", "appearanceId");
        });
        return parameters;
    }

    private static void print(PrintStream log, String setting, LatencySummary l) {
        log.printf("batch-1 latency, %s, %d calls: classify p50 %.3f ms, p99 %.3f ms; model alone p50 %.3f ms,"
                + " p99 %.3f ms%n", setting, l.samples(), l.p50Millis(), l.p99Millis(), l.modelOnlyP50Millis(),
                l.modelOnlyP99Millis());
    }

    /** Rendered data is fully determined by the SKUs, the crop counts, the size and the seed. */
    private static String fingerprint(List<String> skus, Options options) {
        String settings = String.join("\n", skus) + "\n" + options.trainPerProduct() + "/" + options.holdoutPerProduct()
                + "/" + options.settings().imageSizePixels() + "/" + options.settings().seed();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(settings.getBytes(StandardCharsets.UTF_8));
            return "rendered-crops:sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Map<String, Double> evaluation(RecognizerTrainer.Result result, LatencySummary latency) {
        Map<String, Double> evaluation = new TreeMap<>();
        evaluation.put("holdoutAccuracy", result.holdoutAccuracy());
        evaluation.put("holdoutPairwiseAccuracy", result.holdoutPairwiseAccuracy());
        if (latency != null) {
            evaluation.put("batch1P50Millis", latency.p50Millis());
            evaluation.put("batch1P99Millis", latency.p99Millis());
        }
        return evaluation;
    }
}
