package io.aisle.training.cli;

import io.aisle.recommender.alsobought.ItemNeighboursFormat;
import io.aisle.recommender.registry.Manifest;
import io.aisle.recommender.registry.ModelDraft;
import io.aisle.training.alsobought.AlsoBoughtJob;
import io.aisle.training.report.SummaryTable;
import io.aisle.training.report.TrainingReport;
import io.aisle.training.spark.InteractionLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./aisle train also-bought}: item-to-item neighbour lists from baskets or orders. */
@Command(name = "also-bought", mixinStandardHelpOptions = true,
        description = "Train 'customers also bought' neighbour lists from co-occurrence within baskets, orders or sessions.")
final class AlsoBoughtCommand implements Callable<Integer> {

    static final String MODEL = "also-bought";

    @Mixin
    CommonOptions common;

    @Mixin
    InputOptions input;

    @Mixin
    AlsoBoughtOptions options;

    @Override
    public Integer call() {
        return TrainingRun.execute("aisle-also-bought", common, input,
                (run, log) -> trainAndPublish(run, log, input.path(), options, true));
    }

    /**
     * Trains, evaluates and publishes also-bought; shared with {@code all}.
     *
     * @param printSummary false when a larger run prints its own summary
     */
    static AlsoBoughtJob.Result trainAndPublish(TrainingRun run, InteractionLog log, String inputPath,
                                                AlsoBoughtOptions options, boolean printSummary) {
        CommonOptions common = run.common();
        AlsoBoughtJob.Settings settings = options.settings(common.evalSeed);
        AlsoBoughtJob.Result result = AlsoBoughtJob.run(run.spark(), log.interactions(), settings, run.progress());
        Map<String, String> parameters = options.parameters(result.similarity(), common.evalSeed);
        parameters.put("input", inputPath);
        Map<String, Long> rows = rows(log, result);
        Manifest published = run.publish(MODEL, new ModelDraft(MODEL, log.fingerprint(), rows, parameters, result.evaluation()),
                staging -> ItemNeighboursFormat.write(result.model(), staging.resolve(ItemNeighboursFormat.FILE_NAME)));
        if (printSummary) {
            TrainingReport report = new TrainingReport(MODEL, common.evalSeed).rows(rows).parameters(parameters)
                    .evaluation(result.evaluationCases(), result.evaluation());
            SummaryTable summary = new SummaryTable()
                    .fact("input", inputPath)
                    .fact("lines / bad", log.lines() + " / " + log.badLines())
                    .fact("baskets (train)", result.baskets() + " (" + result.trainBaskets() + ")")
                    .fact("items", result.model().catalog().size())
                    .fact("similarity", result.similarity().label())
                    .fact("evaluation cases", result.evaluationCases() + " hidden items, seed " + common.evalSeed);
            run.finish(report, summary, published, result.evaluation());
        } else {
            run.progress().note("also-bought " + published.version() + ": " + result.evaluation());
        }
        return result;
    }

    private static Map<String, Long> rows(InteractionLog log, AlsoBoughtJob.Result result) {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("lines", log.lines());
        rows.put("bad-lines", log.badLines());
        rows.put("interactions", log.interactionCount());
        rows.put("baskets", result.baskets());
        rows.put("train-baskets", result.trainBaskets());
        rows.put("items", (long) result.model().catalog().size());
        return rows;
    }
}
