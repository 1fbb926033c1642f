package io.aisle.training.cli;

import io.aisle.recommender.alsobought.ItemNeighboursFormat;
import io.aisle.recommender.registry.Manifest;
import io.aisle.recommender.registry.ModelDraft;
import io.aisle.recommender.registry.VerifiedVersion;
import io.aisle.training.alsobought.AlsoBoughtJob;
import io.aisle.training.evaluation.Metrics;
import io.aisle.training.evaluation.PromotionRule;
import io.aisle.training.evaluation.RepeatedSplits;
import io.aisle.training.report.SummaryTable;
import io.aisle.training.report.TrainingReport;
import io.aisle.training.spark.InteractionLog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./aisle train also-bought}: item-to-item neighbour lists from baskets or orders. */
@Command(name = "also-bought", mixinStandardHelpOptions = true,
        description = "Train 'customers also bought' neighbour lists from co-occurrence within baskets, orders or sessions.")
final class AlsoBoughtCommand implements Callable<Integer> {

    static final String MODEL = "also-bought";
    /** Manifest parameter: the time of the newest interaction trained on, when the input has times. */
    static final String DATA_UNTIL = "data-until";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    InputOptions input;

    @Mixin
    AlsoBoughtOptions options;

    @Mixin
    PromotionOptions promotion;

    @Override
    public Integer call() {
        return TrainingRun.execute(spec, "aisle-also-bought", common, input,
                (run, log) -> trainAndPublish(run, log, input.path(), options, promotion, true),
                options, promotion, () -> promotion.checkAgainst(common));
    }

    /** Trains, evaluates and publishes also-bought without a promotion rule; for {@code all}. */
    static AlsoBoughtJob.Result trainAndPublish(TrainingRun run, InteractionLog log, String inputPath,
                                                AlsoBoughtOptions options, boolean printSummary) {
        return trainAndPublish(run, log, inputPath, options, new PromotionOptions(), printSummary);
    }

    /**
     * Trains, evaluates and publishes also-bought; shared with {@code all}.
     *
     * @param printSummary false when a larger run prints its own summary
     */
    private static AlsoBoughtJob.Result trainAndPublish(TrainingRun run, InteractionLog log, String inputPath,
                                                        AlsoBoughtOptions options, PromotionOptions promotion,
                                                        boolean printSummary) {
        CommonOptions common = run.common();
        AlsoBoughtJob.Settings settings = options.settings(common.evalSeed);
        Optional<String> approvedVersion = promotion.promoteIfBetter
                ? run.registry().findApproved(common.tenant, MODEL) : Optional.empty();
        Optional<AlsoBoughtJob.Incumbent> incumbent = approvedVersion.map(version -> incumbent(run, version));
        incumbent.ifPresent(approved -> run.progress().note("comparing with approved " + MODEL + " " + approvedVersion.get()
                + ", trained on data until " + approved.dataUntil()));
        AlsoBoughtJob.Result result = AlsoBoughtJob.run(run.spark(), log.interactions(), settings, incumbent, run.progress());
        PromotionRule rule = promotion.rule(AlsoBoughtJob.AISLE, AlsoBoughtJob.APPROVED, Metrics.HIT_RATE_AT_10);
        Optional<PromotionRule.Decision> decision = !promotion.promoteIfBetter ? Optional.empty()
                : approvedVersion.isEmpty() ? Optional.of(rule.first())
                : Optional.of(rule.decide(result.comparison().orElseThrow().cases(), result.comparison().orElseThrow().results(),
                        approvedVersion.get()));
        Map<String, String> parameters = options.parameters(result.similarity(), common.evalSeed);
        parameters.put("input", inputPath);
        result.dataUntil().ifPresent(until -> parameters.put(DATA_UNTIL, until.toString()));
        Map<String, Long> rows = rows(log, result);
        Manifest published = run.publish(MODEL, new ModelDraft(MODEL, log.fingerprint(), rows, parameters, result.evaluation()),
                staging -> ItemNeighboursFormat.write(result.model(), staging.resolve(ItemNeighboursFormat.FILE_NAME)),
                common.approve || decision.map(PromotionRule.Decision::promote).orElse(false));
        decision.ifPresent(d -> run.progress().note((d.promote() ? "approved " : "not approved ") + published.version()
                + ": " + d.reason()));
        boolean repeated = result.splits().seeds().size() > 1;
        if (printSummary) {
            TrainingReport report = new TrainingReport(MODEL, common.evalSeed).rows(rows).parameters(parameters)
                    .evaluation(result.evaluationCases(), result.evaluation());
            if (repeated) {
                report.splits(result.splits());
            }
            decision.ifPresent(d -> report.promotion(d, approvedVersion,
                    result.comparison().map(AlsoBoughtJob.Comparison::cases).orElse(0)));
            SummaryTable summary = new SummaryTable()
                    .fact("input", inputPath)
                    .fact("lines / bad", log.lines() + " / " + log.badLines())
                    .fact("baskets (train)", result.baskets() + " (" + result.trainBaskets() + ")")
                    .fact("items", result.model().catalog().size())
                    .fact("similarity", result.similarity().label() + (parameters.containsKey(AlsoBoughtOptions.SIMILARITY_CHOSEN_ON)
                            ? " (" + parameters.get(AlsoBoughtOptions.SIMILARITY_CHOSEN_ON) + ")" : ""))
                    .fact("evaluation cases", result.evaluationCases() + " hidden items, seed " + common.evalSeed);
            if (repeated) {
                summary.fact("over splits", splitSummary(result.splits()));
            }
            decision.ifPresent(d -> summary.fact("promotion", (d.promote() ? "approved: " : "not approved: ") + d.reason()));
            run.finish(report, summary, published, result.evaluation());
        } else {
            run.progress().note("also-bought " + published.version() + ": " + result.evaluation()
                    + (repeated ? "; " + splitSummary(result.splits()) : ""));
        }
        return result;
    }

    /**
     * The approved version's lists and the end of its data: the recorded {@value #DATA_UNTIL}, or for a version
     * trained without times, when it was published, the latest its data can end.
     */
    private static AlsoBoughtJob.Incumbent incumbent(TrainingRun run, String version) {
        String tenant = run.common().tenant;
        VerifiedVersion approved = run.registry().load(tenant, MODEL, version);
        String until = approved.manifest().parameters().get(DATA_UNTIL);
        return new AlsoBoughtJob.Incumbent(ItemNeighboursFormat.read(approved.file(ItemNeighboursFormat.FILE_NAME)),
                until != null ? Instant.parse(until) : approved.manifest().createdAt());
    }

    /**
     * For example "seeds 1-300: aisle hr@10 mean 0.4140 sd 0.0100, higher than confidence on 287 of 300 splits,
     * popularity on 300".
     */
    static String splitSummary(RepeatedSplits splits) {
        List<Long> seeds = splits.seeds();
        double mean = splits.mean().get(AlsoBoughtJob.AISLE).get(Metrics.HIT_RATE_AT_10);
        double sd = splits.standardDeviation().get(AlsoBoughtJob.AISLE).get(Metrics.HIT_RATE_AT_10);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "seeds %d-%d: %s %s mean %.4f sd %.4f",
                seeds.get(0), seeds.get(seeds.size() - 1), AlsoBoughtJob.AISLE, Metrics.HIT_RATE_AT_10, mean, sd));
        List<String> others = splits.results().get(0).keySet().stream().filter(m -> !m.equals(AlsoBoughtJob.AISLE)).toList();
        for (int i = 0; i < others.size(); i++) {
            text.append(i == 0 ? ", higher than " : ", ").append(others.get(i)).append(" on ")
                    .append(splits.splitsWon(AlsoBoughtJob.AISLE, others.get(i), Metrics.HIT_RATE_AT_10));
            if (i == 0) {
                text.append(" of ").append(seeds.size()).append(" splits");
            }
        }
        return text.toString();
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
