package io.aisle.simulations.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aisle.fusion.layout.LayoutFormatException;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.layout.StoreLayoutFiles;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.recommender.registry.ModelRegistryException;
import io.aisle.simulations.vision.SkuListFile;
import io.aisle.simulations.vision.VisionTrainingRun;
import io.aisle.vision.djl.RecognizerTrainer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./aisle train vision}: lives here, not in training-jobs, because it trains on simulator renders with DJL. */
@Command(name = "vision", mixinStandardHelpOptions = true,
        description = "Train the product recognizer (DJL, PyTorch engine, offline) on rendered product crops (of"
                + " generated SKUs, a SKU list, or a store layout's appearance ids), report holdout accuracy and"
                + " batch-1 latency, and publish it to the model registry.")
final class TrainVisionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--registry", required = true, description = "Model registry folder; the model lands in {registry}/{tenant}/product-recognizer/v000001/ and so on (the shared model registry).")
    Path registry;

    @Option(names = "--tenant", defaultValue = "demo", description = "Tenant that owns the model (default: ${DEFAULT-VALUE}).")
    String tenant;

    @Option(names = "--skus", description = "File with one SKU per line (blank lines and # comments skipped); default: --products generated SKUs.")
    Path skusFile;

    @Option(names = "--store", paramLabel = "LAYOUT", description = {"Store layout JSON: learn one class per distinct appearanceId of its products,"
            + " rendered as the store's cameras see them (serve it through the SKU-to-appearance map of the same layout).",
            "Not with --skus or --products."})
    Path storeLayout;

    private static final int DEFAULT_PRODUCTS = 12;

    @Option(names = "--products", description = "Number of generated SKUs when neither --skus nor --store is given (default: " + DEFAULT_PRODUCTS + ").")
    Integer products;

    @Option(names = "--train-per-product", defaultValue = "150", description = "Training crops per SKU (default: ${DEFAULT-VALUE}).")
    int trainPerProduct;

    @Option(names = "--holdout-per-product", defaultValue = "50", description = "Holdout crops per SKU (default: ${DEFAULT-VALUE}).")
    int holdoutPerProduct;

    @Option(names = "--epochs", defaultValue = "8", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.005", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--image-size", defaultValue = "32", description = "Square crop size in pixels (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of rendering, initialisation and batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--latency-samples", defaultValue = "2000", description = "Batch-1 calls timed after training; 0 skips (default: ${DEFAULT-VALUE}).")
    int latencySamples;

    @Option(names = "--report", description = "Write the run's figures as JSON to this file.")
    Path report;

    /** Exit code of a run refused for bad options or input files. */
    static final int BAD_INPUT = 2;

    @Override
    public Integer call() throws IOException {
        try {
            return train();
        } catch (IllegalArgumentException | LayoutFormatException | ModelRegistryException | java.io.UncheckedIOException e) {
            spec.commandLine().getErr().println("aisle: train vision: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private int train() throws IOException {
        // Listing the tenant's models checks its name now, not after training when the model is published.
        new ModelRegistry(registry, Clock.systemUTC()).models(tenant);
        RecognizerTrainer.Settings settings = new RecognizerTrainer.Settings(imageSize, epochs, batchSize, learningRate,
                seed);
        VisionTrainingRun.Options options;
        if (storeLayout != null) {
            if (skusFile != null || products != null) {
                throw new IllegalArgumentException("--store takes its classes from the layout; drop --skus and --products");
            }
            StoreLayout layout = StoreLayoutFiles.read(storeLayout);
            options = VisionTrainingRun.Options.forStore(layout, trainPerProduct, holdoutPerProduct, settings,
                    latencySamples);
        } else {
            options = new VisionTrainingRun.Options(skus(), trainPerProduct, holdoutPerProduct, settings, latencySamples);
        }
        VisionTrainingRun.Report result = VisionTrainingRun.run(options, registry, tenant, Clock.systemUTC(), System.out);
        if (report != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", registry.relativize(result.versionDir()).toString());
            options.storeId().ifPresent(store -> json.put("store", store));
            json.put("classes", options.skus().size());
            json.put("holdoutAccuracy", result.holdoutAccuracy());
            json.put("holdoutPairwiseAccuracy", result.holdoutPairwiseAccuracy());
            json.put("meanLossPerEpoch", result.meanLossPerEpoch());
            json.put("trainingCrops", result.trainingCrops());
            json.put("holdoutCrops", result.holdoutCrops());
            json.put("trainingMillis", result.trainingMillis());
            json.put("defaultIntraOpThreads", result.defaultThreads());
            json.put("latencyDefaultThreads", result.latencyDefaultThreads());
            json.put("latencyOneIntraOpThread", result.latency());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(report.toFile(), json);
        }
        return 0;
    }

    private List<String> skus() {
        return skusFile == null ? SkuListFile.generated(products == null ? DEFAULT_PRODUCTS : products)
                : SkuListFile.read(skusFile);
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = "Train models.",
            subcommands = TrainVisionCommand.class)
    static final class Train {
    }
}
