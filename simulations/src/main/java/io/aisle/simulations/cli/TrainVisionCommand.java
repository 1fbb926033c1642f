package io.aisle.simulations.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import picocli.CommandLine.Option;

/** {@code ./aisle train vision}: lives here, not in training-jobs, because it trains on simulator renders with DJL. */
@Command(name = "vision", mixinStandardHelpOptions = true,
        description = "Train the product recognizer (DJL, PyTorch engine, offline) on rendered product crops,"
                + " report holdout accuracy and batch-1 latency, and publish it to the model registry.")
final class TrainVisionCommand implements Callable<Integer> {

    @Option(names = "--registry", required = true, description = "Model registry folder; the model lands in {registry}/{tenant}/product-recognizer/v000001/ and so on (the shared model registry).")
    Path registry;

    @Option(names = "--tenant", defaultValue = "demo", description = "Tenant that owns the model (default: ${DEFAULT-VALUE}).")
    String tenant;

    @Option(names = "--skus", description = "File with one SKU per line (blank lines and # comments skipped); default: --products generated SKUs.")
    Path skusFile;

    @Option(names = "--products", defaultValue = "12", description = "Number of generated SKUs when --skus is not given (default: ${DEFAULT-VALUE}).")
    int products;

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
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("aisle: train vision: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private int train() throws IOException {
        VisionTrainingRun.Options options = new VisionTrainingRun.Options(skus(), trainPerProduct, holdoutPerProduct,
                new RecognizerTrainer.Settings(imageSize, epochs, batchSize, learningRate, seed), latencySamples);
        VisionTrainingRun.Report result = VisionTrainingRun.run(options, registry, tenant, Clock.systemUTC(), System.out);
        if (report != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", registry.relativize(result.versionDir()).toString());
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
        return skusFile == null ? SkuListFile.generated(products) : SkuListFile.read(skusFile);
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = "Train models.",
            subcommands = TrainVisionCommand.class)
    static final class Train {
    }
}
