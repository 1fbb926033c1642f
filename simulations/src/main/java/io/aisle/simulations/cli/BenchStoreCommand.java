package io.aisle.simulations.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aisle.simulations.store.StoreBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./aisle bench store}: simulates a session (or replays a recorded log), fuses it and scores
 * the receipts; prints the JSON report and optionally writes it to a file.
 */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Simulate, fuse and score checkout-free store receipts; prints a JSON report.")
final class BenchStoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreScenarioOptions scenarioOptions;

    @Option(names = "--log", description = "Replay this recorded event log (from 'simulate store') instead of simulating.")
    Path log;

    @Option(names = "--report", description = "Also write the JSON report to this file.")
    Path report;

    @Override
    public Integer call() throws IOException {
        if (log != null) {
            // A recorded log carries its own scenario and seed.
            List<String> ignored = spec.commandLine().getParseResult().matchedOptions().stream()
                    .filter(option -> spec.mixins().get("scenarioOptions").options().contains(option))
                    .map(OptionSpec::longestName).toList();
            if (!ignored.isEmpty()) {
                throw new IllegalArgumentException("--log replays the recorded session with its own scenario and seed;"
                        + " drop " + String.join(", ", ignored));
            }
        }
        StoreBenchmark.Result result = log != null
                ? StoreBenchmark.replay(log)
                : StoreBenchmark.simulate(scenarioOptions.scenario(), scenarioOptions.seed);
        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result.report());
        System.out.println(text);
        if (report != null) {
            Files.writeString(report, text + System.lineSeparator());
        }
        return 0;
    }
}
