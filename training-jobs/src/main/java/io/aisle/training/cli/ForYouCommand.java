package io.aisle.training.cli;

import io.aisle.recommender.foryou.FactorizationMachineScorer;
import io.aisle.recommender.foryou.ForYouFormat;
import io.aisle.recommender.registry.Manifest;
import io.aisle.recommender.registry.ModelDraft;
import io.aisle.training.evaluation.UserBaselines;
import io.aisle.training.evaluation.UserEvaluation;
import io.aisle.training.foryou.FactorizationMachineRanker;
import io.aisle.training.foryou.ForYouJob;
import io.aisle.training.report.SummaryTable;
import io.aisle.training.report.TrainingReport;
import io.aisle.training.spark.InteractionLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./aisle train for-you}: the factorization machine on a user interaction log. */
@Command(name = "for-you", mixinStandardHelpOptions = true,
        description = "Train the 'recommended for you' factorization machine (Spark MLlib FMClassifier) on implicit feedback.")
final class ForYouCommand implements Callable<Integer> {

    static final String MODEL = "for-you";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    InputOptions input;

    @Mixin
    ForYouOptions options;

    @Override
    public Integer call() {
        return TrainingRun.execute(spec, "aisle-for-you", common, input, (run, log) -> trainAndPublish(run, log, input.path(), options),
                () -> input.requireUsers("for-you"), options);
    }

    /** Shared with {@code all}: trains, evaluates against baselines, publishes; returns the job result. */
    static ForYouJob.Result trainAndPublish(TrainingRun run, InteractionLog log, String inputPath, ForYouOptions options) {
        CommonOptions common = run.common();
        ForYouJob.Result result = ForYouJob.run(run.spark(), log.interactions(), options.settings(common.evalSeed), run.progress());
        run.progress().step("evaluating aisle-fm, popularity, item-knn and ease on up to " + options.maxEvalUsers + " users");
        UserEvaluation evaluation = new UserEvaluation(result.trainHistories(), result.testItems(), options.maxEvalUsers, common.evalSeed);
        Map<String, UserEvaluation.UserRanker> methods = new LinkedHashMap<>();
        methods.put("aisle-fm", new FactorizationMachineRanker(new FactorizationMachineScorer(result.model())));
        UserBaselines baselines = new UserBaselines(result.trainHistories(), result.model().catalog(), common.evalSeed);
        methods.putAll(baselines.methods());
        Map<String, Map<String, Double>> results = evaluation.run(methods);

        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("lines", log.lines());
        rows.put("bad-lines", log.badLines());
        rows.put("interactions", log.interactionCount());
        rows.put("train-pairs", result.trainPairs());
        rows.put("test-pairs", result.testPairs());
        rows.put("training-rows", result.trainingRows());
        rows.put("users", (long) result.model().users().size());
        rows.put("items", (long) result.model().catalog().size());
        Map<String, String> parameters = options.parameters(common.evalSeed);
        parameters.putAll(baselines.parameters());
        parameters.put("input", inputPath);
        Manifest published = run.publish(MODEL, new ModelDraft(MODEL, log.fingerprint(), rows, parameters, results),
                staging -> ForYouFormat.write(result.model(), staging));
        TrainingReport report = new TrainingReport(MODEL, common.evalSeed).rows(rows).parameters(parameters)
                .evaluation(evaluation.userCount(), results);
        SummaryTable summary = new SummaryTable()
                .fact("input", inputPath)
                .fact("lines / bad", log.lines() + " / " + log.badLines())
                .fact("users / items", result.model().users().size() + " / " + result.model().catalog().size())
                .fact("train / test pairs", result.trainPairs() + " / " + result.testPairs())
                .fact("FM training rows", result.trainingRows() + " (with sampled negatives)")
                .fact("evaluated users", evaluation.userCount() + ", seed " + common.evalSeed);
        run.finish(report, summary, published, results);
        return result;
    }
}
