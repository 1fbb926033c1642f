package io.aisle.training.cli;

import io.aisle.recommender.registry.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Options every training job takes. */
final class CommonOptions implements CheckedOptions {

    /** The master URLs Spark 3.5 parses; anything else fails in Spark's own start-up, with a stack trace. */
    private static final Pattern MASTER = Pattern.compile("local(\\[(\\d+|\\*)(,\\d+)?])?|spark://.+|yarn|k8s://.+");

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

    /** Refuses a {@code --master} that Spark would fail on in its own start-up, with a stack trace. */
    static void checkMaster(String master) {
        if (!MASTER.matcher(master).matches()) {
            throw new IllegalArgumentException("--master must be local, local[N], local[*], spark://HOST:PORT, yarn or"
                    + " k8s://URL but was '" + master + "'");
        }
    }

    /** Refuses before training what would otherwise fail only when the trained model is published or reported. */
    @Override
    public void check() {
        CheckedOptions.inRange("--max-bad-rows", maxBadRows, 0, false, 1);
        checkMaster(master);
        if (Files.exists(registry) && !Files.isDirectory(registry)) {
            throw new IllegalArgumentException("--registry " + registry + " is a file, not a folder");
        }
        // Listing the tenant's models checks its name, as publishing will.
        new ModelRegistry(registry, Clock.systemUTC()).models(tenant);
        if (report != null && Files.isDirectory(report)) {
            throw new IllegalArgumentException("--report " + report + " is a folder; name the file to write");
        }
    }
}
