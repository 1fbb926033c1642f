package io.aisle.training.cli;

import io.aisle.recommender.alsobought.ItemNeighboursFormat;
import io.aisle.recommender.registry.Manifest;
import io.aisle.recommender.registry.ModelDraft;
import io.aisle.training.alsobought.AlsoBoughtJob;
import io.aisle.training.alsobought.NeighbourBuilder;
import io.aisle.training.alsobought.SimilarityMeasure;
import io.aisle.training.evaluation.Metrics;
import io.aisle.training.report.SummaryTable;
import io.aisle.training.report.TrainingReport;
import io.aisle.training.spark.InteractionLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./aisle train also-bought}: item-to-item neighbour lists from baskets or orders. */
@Command(name = "also-bought", mixinStandardHelpOptions = true,
        description = "Train 'customers also bought' neighbour lists from co-occurrence within baskets, orders or sessions.")
final class AlsoBoughtCommand implements Callable<Integer> {

    static final String MODEL = "also-bought";

    @Mixin
    CommonOptions common;

    @Mixin
    InputOptions input;

    @Option(names = "--similarity", defaultValue = "ease",
            description = "ease, damped, confidence or cosine (default: ${DEFAULT-VALUE}).")
    String similarity;

    @Option(names = "--top-k", defaultValue = "50", description = "Neighbours kept per item (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--min-support", defaultValue = "2",
            description = "Baskets an item pair must share to be neighbours (default: ${DEFAULT-VALUE}).")
    int minSupport;

    @Option(names = "--ease-lambda", defaultValue = "40",
            description = "EASE L2 penalty, in basket-size-weighted counts (default: ${DEFAULT-VALUE}).")
    double easeLambda;

    @Option(names = "--ease-max-items", defaultValue = "4000",
            description = "Largest catalogue for EASE's dense inverse; larger ones use damped (default: ${DEFAULT-VALUE}).")
    int easeMaxItems;

    @Option(names = "--damped-shrink", defaultValue = "20", description = "Damped confidence: added to c(i) (default: ${DEFAULT-VALUE}).")
    double dampedShrink;

    @Option(names = "--damped-alpha", defaultValue = "0.3", description = "Damped confidence: exponent of c(j) (default: ${DEFAULT-VALUE}).")
    double dampedAlpha;

    @Option(names = "--max-basket-size", defaultValue = "100",
            description = "Larger baskets are left out of pair counts (default: ${DEFAULT-VALUE}).")
    int maxBasketSize;

    @Option(names = "--max-eval-baskets", defaultValue = "50000",
            description = "Test baskets evaluated at most (default: ${DEFAULT-VALUE}).")
    int maxEvalBaskets;

    @Override
    public Integer call() {
        return TrainingRun.execute("aisle-also-bought", common, input, (run, log) -> {
            AlsoBoughtJob.Settings settings = settings();
            AlsoBoughtJob.Result result = AlsoBoughtJob.run(run.spark(), log.interactions(), settings, run.progress());
            Map<String, String> parameters = parameters(result.similarity());
            Map<String, Long> rows = rows(log, result);
            Manifest published = run.publish(MODEL, new ModelDraft(MODEL, log.fingerprint(), rows, parameters, result.evaluation()),
                    staging -> ItemNeighboursFormat.write(result.model(), staging.resolve(ItemNeighboursFormat.FILE_NAME)));
            TrainingReport report = new TrainingReport(MODEL, common.evalSeed).rows(rows).parameters(parameters)
                    .evaluation(result.evaluationCases(), result.evaluation());
            SummaryTable summary = new SummaryTable()
                    .fact("input", input.path())
                    .fact("lines / bad", log.lines() + " / " + log.badLines())
                    .fact("baskets (train)", result.baskets() + " (" + result.trainBaskets() + ")")
                    .fact("items", result.model().catalog().size())
                    .fact("similarity", result.similarity().label())
                    .fact("evaluation cases", result.evaluationCases() + " hidden items, seed " + common.evalSeed);
            run.finish(report, summary, published, result.evaluation(),
                    AlsoBoughtJob.AISLE + " " + Metrics.HIT_RATE_AT_10);
        });
    }

    private AlsoBoughtJob.Settings settings() {
        return new AlsoBoughtJob.Settings(SimilarityMeasure.parse(similarity),
                new NeighbourBuilder.Parameters(topK, minSupport, dampedShrink, dampedAlpha, easeLambda),
                maxBasketSize, easeMaxItems, common.evalSeed, 0.2, maxEvalBaskets);
    }

    private Map<String, String> parameters(SimilarityMeasure used) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("similarity", used.label());
        parameters.put("topK", Integer.toString(topK));
        parameters.put("minSupport", Integer.toString(minSupport));
        parameters.put("easeLambda", Double.toString(easeLambda));
        parameters.put("dampedShrink", Double.toString(dampedShrink));
        parameters.put("dampedAlpha", Double.toString(dampedAlpha));
        parameters.put("maxBasketSize", Integer.toString(maxBasketSize));
        parameters.put("evalSeed", Long.toString(common.evalSeed));
        parameters.put("input", input.path());
        return parameters;
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
