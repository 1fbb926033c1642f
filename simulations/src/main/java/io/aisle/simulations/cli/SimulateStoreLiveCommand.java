package io.aisle.simulations.cli;

import io.aisle.simulations.live.LiveStore;
import io.aisle.simulations.vision.CameraChainBenchmark;
import io.aisle.simulations.store.ReceiptListing;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./aisle simulate store-live}: a simulated store feeding a running server over signed HTTP; prints its
 * receipts as they come and, at the end, their accuracy against the simulator's ground truth. Exit code 2 for bad
 * arguments, 1 when the server refuses the store's input.
 */
@Command(name = "store-live", mixinStandardHelpOptions = true,
        description = {"Stream a simulated checkout-free store to a running server and print its receipts.",
                "The key needs the roles admin (to register the layout and cameras) and store-device."})
final class SimulateStoreLiveCommand implements Callable<Integer> {

    /** The scenario names, as picocli validates them. */
    enum Scenario { standard, hard, crowd, lookalike }

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions connection;

    @Option(names = "--scenario", defaultValue = "standard", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Scenario scenario;

    @Option(names = "--minutes", defaultValue = "2", description = "Minutes of shopper arrivals (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--speed", defaultValue = "4", description = "Multiple of real time (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--from-cameras", description = {"Send what simulated ceiling cameras detect (camera frames) instead of",
            "shopper observations; the server tracks the shoppers itself."})
    boolean fromCameras;

    @Option(names = "--receipts", description = {"Also write the receipts to this file, one a line, on the simulator's",
            "clock, to compare with bench store --receipts for the same seed (diff)."})
    Path receiptsFile;

    @Override
    public Integer call() throws InterruptedException {
        connection.requireHttpUrl(spec);
        if (!(minutes > 0) || Double.isInfinite(minutes)) {
            throw new ParameterException(spec.commandLine(), "--minutes must be > 0 but was " + minutes);
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new ParameterException(spec.commandLine(), "--speed must be > 0 but was " + speed);
        }
        return connection.run(() -> {
            LiveStore.Result result = new LiveStore(connection.server, connection.keyId, connection.secret, System.out)
                    .run(CameraChainBenchmark.scenarioNamed(scenario.name()).withMinutes(minutes), seed, speed, fromCameras);
            LiveStore.printAccuracy(result, System.out);
            if (receiptsFile != null) {
                ReceiptListing.write(receiptsFile, result.receipts(), result.clockOffsetMillis());
            }
            return 0;
        });
    }
}
