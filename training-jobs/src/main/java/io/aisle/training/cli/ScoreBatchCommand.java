package io.aisle.training.cli;

import io.aisle.recommender.registry.ModelRegistryException;
import io.aisle.training.report.Progress;
import io.aisle.training.scoring.BatchScoringJob;
import io.aisle.training.scoring.BatchScoringJob.Target;
import io.aisle.training.spark.SparkSessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./aisle score batch}: the approved version's top-K for every user or item (or those of a file),
 * written as JSON lines by Spark; the output folder appears whole or not at all (Spark's commit protocol).
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Write the approved model's top-K lists for every user (for-you) or item (also-bought) as JSON lines.")
final class ScoreBatchCommand implements Callable<Integer> {

    /** A user or item id longer than this in a keys file is a corrupt line, not an id. */
    private static final int MAX_KEY_LENGTH = 256;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, description = "Tenant whose approved model scores.")
    String tenant;

    @Option(names = "--registry", defaultValue = "${env:AISLE_REGISTRY:-.aisle/registry}",
            description = "Model registry folder (default: $AISLE_REGISTRY or .aisle/registry).")
    Path registry;

    @Option(names = "--model", required = true, description = "for-you or also-bought.")
    String model;

    @Option(names = "--k", defaultValue = "50", description = "Items per list (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--out", required = true, description = "Output folder; must not exist yet.")
    Path out;

    @Option(names = "--users", description = "for-you: score only the users of this file (one id per line).")
    Path users;

    @Option(names = "--items", description = "also-bought: score only the items of this file (one id per line).")
    Path items;

    @Option(names = "--partitions", defaultValue = "8", description = "Spark tasks (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--master", defaultValue = "local[*]",
            description = "Spark master when not run by spark-submit (default: ${DEFAULT-VALUE}).")
    String master;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Target target;
        List<String> keys;
        try {
            target = target();
            CheckedOptions.atLeast("--k", k, 1);
            CheckedOptions.atLeast("--partitions", partitions, 1);
            CommonOptions.checkMaster(master);
            if (Files.exists(out)) {
                throw new IllegalArgumentException("--out " + out + " exists; name a new folder");
            }
            Path keysFile = target == Target.FOR_YOU ? users : items;
            List<String> approvedKeys = BatchScoringJob.allKeys(registry, tenant, target);
            keys = keysFile == null ? approvedKeys : readKeys(keysFile, target);
        } catch (IllegalArgumentException | ModelRegistryException | UncheckedIOException e) {
            err.println(spec.qualifiedName(" ") + ": " + e.getMessage());
            return 2;
        }
        Progress progress = new Progress(System.err, Clock.systemUTC());
        progress.step("starting Spark");
        SparkSession spark = SparkSessions.create("aisle-score-batch", master, partitions);
        try {
            progress.step("scoring " + keys.size() + " " + (target == Target.FOR_YOU ? "users" : "items") + " with "
                    + tenant + "/" + target.model() + ", top " + k);
            BatchScoringJob.score(spark, registry, tenant, target, k, keys, partitions).write().json(out.toString());
            progress.step("written to " + out);
            return 0;
        } catch (RuntimeException e) {
            err.println(spec.qualifiedName(" ") + ": scoring failed: " + e.getMessage());
            return 1;
        } finally {
            spark.stop();
        }
    }

    private Target target() {
        Target target = switch (model) {
            case "for-you" -> Target.FOR_YOU;
            case "also-bought" -> Target.ALSO_BOUGHT;
            default -> throw new IllegalArgumentException("--model must be for-you or also-bought but was '" + model + "'");
        };
        if (target == Target.FOR_YOU && items != null) {
            throw new IllegalArgumentException("--items belongs to --model also-bought; for-you takes --users");
        }
        if (target == Target.ALSO_BOUGHT && users != null) {
            throw new IllegalArgumentException("--users belongs to --model for-you; also-bought takes --items");
        }
        return target;
    }

    private static List<String> readKeys(Path file, Target target) {
        String option = target == Target.FOR_YOU ? "--users" : "--items";
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(option + " " + file + " cannot be read: " + e.getMessage(), e);
        }
        List<String> keys = lines.stream().map(String::strip).filter(line -> !line.isEmpty()).distinct().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().length() > MAX_KEY_LENGTH) {
                throw new IllegalArgumentException(option + " " + file + " line " + (i + 1) + " is longer than "
                        + MAX_KEY_LENGTH + " characters");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(option + " " + file + " names no " + (target == Target.FOR_YOU ? "user" : "item"));
        }
        return keys;
    }
}
