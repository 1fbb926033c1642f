package io.aisle.simulations.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aisle.fusion.layout.StoreLayoutFiles;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.simulations.store.ReceiptListing;
import io.aisle.simulations.store.StoreScenario;
import io.aisle.simulations.vision.CameraChainBenchmark;
import io.aisle.simulations.vision.VisionTrainingRun;
import io.aisle.vision.djl.RecognizerModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./aisle bench store-cameras}: the checkout-free store from simulated cameras (the
 * {@code --from-cameras} mode of the store benchmark): camera detections, tracking, fusion with or
 * without the product recognizer, receipts scored against the simulator's ground truth; cameras send
 * appearance embeddings unless {@code --no-appearance}. Prints the
 * JSON report and optionally writes it to a file.
 */
@Command(name = "store-cameras", mixinStandardHelpOptions = true,
        description = "Run the store from simulated cameras: detections -> tracking -> fusion (+ product recognizer)"
                + " -> receipts; prints receipt, tracking, recognizer and speed figures as JSON.")
final class BenchStoreCamerasCommand implements Callable<Integer> {

    /** The scenario names, as picocli validates them. */
    enum Scenario { standard, hard, crowd, lookalike }

    @Option(names = "--scenario", defaultValue = "standard", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Scenario scenario;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed gives the same run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--minutes", description = "Minutes during which shoppers arrive (default: the scenario's).")
    Double minutes;

    @Option(names = "--no-vision", description = "Fuse without the product recognizer and hand crops.")
    boolean noVision;

    @Option(names = "--no-appearance", description = "Cameras send no appearance embeddings: the tracker has floor positions only.")
    boolean noAppearance;

    @Option(names = "--ideal-observations", description = "Baseline: fuse the simulator's ideal shopper observations instead of the cameras'.")
    boolean ideal;

    @Option(names = "--report", description = "Also write the JSON report to this file.")
    Path report;

    @Option(names = "--receipts", description = {"Also write the receipts to this file, one a line, to compare with",
            "simulate store-live --receipts for the same seed (diff)."})
    Path receiptsFile;

    @Option(names = "--registry", description = {"Model registry folder: run the --tenant's approved product-recognizer,",
            "the version a server serves, instead of training one for the run."})
    Path registry;

    @Option(names = "--tenant", defaultValue = "demo", description = "Tenant whose approved recognizer --registry runs (default: ${DEFAULT-VALUE}).")
    String tenant;

    @Option(names = "--write-layout", description = "Also write the run's store layout JSON to this file (for train vision --store).")
    Path layoutFile;

    @Override
    public Integer call() throws IOException {
        StoreScenario chosen = CameraChainBenchmark.scenarioNamed(scenario.name());
        if (minutes != null) {
            if (!(minutes > 0)) {
                System.err.println("aisle: --minutes must be > 0 but was " + minutes);
                return 2;
            }
            chosen = chosen.withMinutes(minutes);
        }
        CameraChainBenchmark.Options options = CameraChainBenchmark.Options.defaults(!noVision);
        if (noAppearance) {
            options = options.withoutAppearance();
        }
        if (layoutFile != null) {
            Files.writeString(layoutFile, StoreLayoutFiles.toJson(CameraChainBenchmark.layoutFor(chosen, seed)));
        }
        Optional<RecognizerModel> approved = Optional.empty();
        if (registry != null && !noVision) {
            ModelRegistry models = new ModelRegistry(registry, Clock.systemUTC());
            Optional<String> version = models.findApproved(tenant, VisionTrainingRun.MODEL_NAME);
            if (version.isEmpty()) {
                System.err.println("aisle: tenant " + tenant + " has no approved " + VisionTrainingRun.MODEL_NAME
                        + " in " + registry);
                return 2;
            }
            approved = Optional.of(RecognizerModel.load(
                    models.load(tenant, VisionTrainingRun.MODEL_NAME, version.get()).folder()));
        }
        CameraChainBenchmark.Result result;
        try {
            result = CameraChainBenchmark.run(chosen, seed, ideal ? options.withIdealObservations() : options, approved);
        } finally {
            approved.ifPresent(RecognizerModel::close);
        }
        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result.report());
        System.out.println(text);
        if (report != null) {
            Files.writeString(report, text + System.lineSeparator());
        }
        if (receiptsFile != null) {
            ReceiptListing.write(receiptsFile, result.receipts(), 0);
        }
        return 0;
    }
}
