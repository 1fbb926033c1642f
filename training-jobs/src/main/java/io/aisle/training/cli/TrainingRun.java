package io.aisle.training.cli;

import io.aisle.recommender.registry.Manifest;
import io.aisle.recommender.registry.ModelDraft;
import io.aisle.recommender.registry.ModelFilesWriter;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.recommender.registry.ModelRegistryException;
import io.aisle.training.ingest.LineParser;
import io.aisle.training.report.Progress;
import io.aisle.training.report.SummaryTable;
import io.aisle.training.report.TrainingReport;
import io.aisle.training.spark.BadRowsException;
import io.aisle.training.spark.InteractionLog;
import io.aisle.training.spark.InteractionLogReader;
import io.aisle.training.spark.SparkSessions;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One training run from the command line: Spark session, input, the job, publishing to the registry,
 * the report and the summary. Owns the session and stops it at the end.
 */
final class TrainingRun {

    /** The body of a job, given the run and the log it read. */
    @FunctionalInterface
    interface Body {
        void train(TrainingRun run, InteractionLog log) throws Exception;
    }

    private final SparkSession spark;
    private final CommonOptions common;
    private final Progress progress;
    private final ModelRegistry registry;
    private boolean approved;

    private TrainingRun(SparkSession spark, CommonOptions common, Progress progress) {
        this.spark = spark;
        this.common = common;
        this.progress = progress;
        this.registry = new ModelRegistry(common.registry, Clock.systemUTC());
    }

    SparkSession spark() {
        return spark;
    }

    Progress progress() {
        return progress;
    }

    CommonOptions common() {
        return common;
    }

    /**
     * Checks every option group, then runs {@code body} on the input in a new Spark session.
     *
     * @return 0, 2 for bad options or input (before Spark starts when the options alone tell), 1 when training fails
     */
    static int execute(CommandSpec spec, String appName, CommonOptions common, InputOptions input, Body body,
                       CheckedOptions... options) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            common.check();
            input.check();
            for (CheckedOptions group : options) {
                group.check();
            }
        } catch (IllegalArgumentException | ModelRegistryException e) {
            err.println(spec.qualifiedName(" ") + ": " + e.getMessage());
            return 2;
        }
        Progress progress = new Progress(System.err, Clock.systemUTC());
        progress.step("starting Spark");
        SparkSession spark = SparkSessions.create(appName, common.master, 8);
        progress.note("master " + spark.sparkContext().master() + ", Spark " + spark.version());
        try {
            TrainingRun run = new TrainingRun(spark, common, progress);
            progress.step("reading " + input.path());
            InteractionLogReader reader = new InteractionLogReader(spark);
            LineParser parser = input.parser(common.tenant, reader.sample(input.path(), 1000));
            progress.note("format " + parser);
            InteractionLog log = reader.read(input.path(), parser, common.maxBadRows);
            progress.note(log.lines() + " lines, " + log.badLines() + " bad, " + log.interactionCount() + " interactions");
            log.badExamples().stream().limit(5).forEach(example -> progress.note("bad " + example));
            if (input.minRating != null) {
                double min = input.minRating;
                log = new InteractionLog(log.interactions().filter(i -> Double.isNaN(i.rating()) || i.rating() >= min).cache(),
                        log.lines(), log.badLines(), log.interactionCount(), log.badExamples(), log.fingerprint());
            }
            body.train(run, log);
            return 0;
        } catch (BadRowsException | IllegalArgumentException | ModelRegistryException e) {
            err.println("aisle: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("aisle: training failed: " + e);
            e.printStackTrace();
            return 1;
        } finally {
            spark.stop();
        }
    }

    Manifest publish(String model, ModelDraft draft, ModelFilesWriter writer) {
        return publish(model, draft, writer, common.approve);
    }

    Manifest publish(String model, ModelDraft draft, ModelFilesWriter writer, boolean approve) {
        progress.step("publishing " + common.tenant + "/" + model + " to " + registry.root());
        Manifest manifest = registry.publish(common.tenant, model, draft, writer);
        this.approved = approve;
        if (approve) {
            registry.approve(common.tenant, model, manifest.version());
        }
        return manifest;
    }

    ModelRegistry registry() {
        return registry;
    }

    void finish(TrainingReport report, SummaryTable summary, Manifest published,
                Map<String, Map<String, Double>> evaluation) {
        report.trainingSeconds(progress.elapsedSeconds())
                .published(published.tenant(), published.model(), published.version());
        if (common.report != null) {
            report.write(common.report);
        }
        progress.step("done");
        summary.fact("published", published.tenant() + "/" + published.model() + "/" + published.version()
                        + (approved ? " (approved)" : " (not approved; ./aisle models approve)"))
                .fact("training time", String.format(java.util.Locale.ROOT, "%.1f s", progress.elapsedSeconds()));
        if (common.report != null) {
            summary.fact("report", common.report);
        }
        System.out.println();
        summary.print(System.out, evaluation);
    }
}
