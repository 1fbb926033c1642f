package io.aisle.simulations.cli;

import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.layout.StoreLayoutFiles;
import io.aisle.simulations.store.GroundTruth;
import io.aisle.simulations.store.StoreBenchmark;
import io.aisle.simulations.store.StoreEventLog;
import io.aisle.simulations.store.StoreScenario;
import io.aisle.simulations.store.StoreSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./aisle simulate store}: writes a replayable event log with its ground truth (and the layout). */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Simulate a checkout-free store session with ground truth; writes a replayable event log.")
final class SimulateStoreCommand implements Callable<Integer> {

    @Mixin
    StoreScenarioOptions scenarioOptions;

    @Option(names = "--out", required = true, description = "Event log file to write (gzip binary).")
    Path out;

    @Option(names = "--layout-out", description = "Also write the generated store layout JSON here.")
    Path layoutOut;

    @Override
    public Integer call() throws IOException {
        StoreScenario scenario = scenarioOptions.scenario();
        long seed = scenarioOptions.seed;
        StoreLayout layout = StoreBenchmark.layoutFor(scenario, seed);
        GroundTruth truth;
        try (StoreEventLog.Writer writer = StoreEventLog.create(out, layout, scenario.name(), seed,
                scenario.noiseGrams(), scenario.skewMillis())) {
            truth = new StoreSimulator(layout, scenario, seed).run(writer);
            writer.close(truth);
        }
        if (layoutOut != null) {
            Files.writeString(layoutOut, StoreLayoutFiles.toJson(layout));
        }
        long lines = truth.receipts().values().stream().mapToLong(r -> r.size()).sum();
        System.out.printf("wrote %s: scenario %s, seed %d, %d plates, %d shoppers, %d true receipt lines, %.0f s%n",
                out, scenario.name(), seed, layout.plates().size(), truth.receipts().size(), lines, truth.durationSeconds());
        return 0;
    }
}
