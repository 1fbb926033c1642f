package io.aisle.training.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every training job takes. */
final class CommonOptions {

    @Option(names = "--tenant", defaultValue = "demo", description = "Tenant the model is published for (default: ${DEFAULT-VALUE}).")
    String tenant;

    @Option(names = "--registry", defaultValue = "${env:AISLE_REGISTRY:-.aisle/registry}",
            description = "Model registry folder (default: $AISLE_REGISTRY or .aisle/registry).")
    Path registry;

    @Option(names = "--eval-seed", defaultValue = "42", description = "Seed of the evaluation split (default: ${DEFAULT-VALUE}).")
    long evalSeed;

    @Option(names = "--report", description = "Write the run's JSON report here.")
    Path report;

    @Option(names = "--master", defaultValue = "local[*]",
            description = "Spark master when not run by spark-submit (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--max-bad-rows", defaultValue = "0.01",
            description = "Fail when a larger share of input lines is malformed (default: ${DEFAULT-VALUE}).")
    double maxBadRows;

    @Option(names = "--approve", description = "Approve the published version, so serving loads it.")
    boolean approve;
}
