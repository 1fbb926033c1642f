package io.aisle.training.cli;

import io.aisle.recommender.alsobought.ItemNeighbours;
import io.aisle.recommender.foryou.FactorizationMachineScorer;
import io.aisle.recommender.foryou.ForYouFormat;
import io.aisle.recommender.registry.Manifest;
import io.aisle.recommender.registry.ModelDraft;
import io.aisle.training.alsobought.AlsoBoughtJob;
import io.aisle.training.evaluation.UserBaselines;
import io.aisle.training.evaluation.UserEvaluation;
import io.aisle.training.foryou.FactorizationMachineRanker;
import io.aisle.training.foryou.ForYouJob;
import io.aisle.training.ranker.RankerJob;
import io.aisle.training.report.SummaryTable;
import io.aisle.training.report.TrainingReport;
import io.aisle.training.spark.InteractionLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * also-bought, then the FM, then the ranker on one log, evaluated together: {@code aisle-fm},
 * {@code aisle-ranked}, {@code popularity} and {@code item-knn} on the users the ranker did not train on.
 * Used by {@code train all} (publishes all three) and {@code train ranker} (publishes the ranker only).
 */
final class RankedTraining {

    private RankedTraining() {
    }

    static void run(TrainingRun run, InteractionLog log, String inputPath, AlsoBoughtOptions alsoBoughtOptions,
                    ForYouOptions forYouOptions, RankerOptions rankerOptions, boolean publishAll) throws Exception {
        CommonOptions common = run.common();
        ItemNeighbours alsoBought = publishAll
                ? AlsoBoughtCommand.trainAndPublish(run, log, inputPath, alsoBoughtOptions, false).model()
                : AlsoBoughtJob.run(run.spark(), log.interactions(), alsoBoughtOptions.settingsForCandidates(common.evalSeed), run.progress()).model();
        ForYouJob.Result forYou = ForYouJob.run(run.spark(), log.interactions(), forYouOptions.settings(common.evalSeed), run.progress());
        run.progress().step("training the XGBoost ranker (rank:ndcg)");
        RankerJob.Settings rankerSettings = rankerOptions.settings(common.evalSeed);
        RankerJob.Result ranker = RankerJob.train(run.spark(), forYou, Optional.of(alsoBought), rankerSettings, run.progress());

        run.progress().step("evaluating aisle-fm, aisle-ranked, popularity, item-knn and ease on users the ranker did not see");
        UserEvaluation evaluation = new UserEvaluation(forYou.trainHistories(), forYou.testItems(), forYouOptions.maxEvalUsers,
                common.evalSeed, user -> !RankerJob.trainsRanker(common.evalSeed, user));
        Map<String, UserEvaluation.UserRanker> methods = new LinkedHashMap<>();
        methods.put("aisle-fm", new FactorizationMachineRanker(new FactorizationMachineScorer(forYou.model())));
        methods.put("aisle-ranked", RankerJob.ranked(forYou, Optional.of(alsoBought), ranker.ranker(), rankerSettings));
        UserBaselines baselines = new UserBaselines(forYou.trainHistories(), forYou.model().catalog(), common.evalSeed);
        methods.putAll(baselines.methods());
        Map<String, Map<String, Double>> results = evaluation.run(methods);

        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("lines", log.lines());
        rows.put("bad-lines", log.badLines());
        rows.put("interactions", log.interactionCount());
        rows.put("train-pairs", forYou.trainPairs());
        rows.put("test-pairs", forYou.testPairs());
        rows.put("fm-training-rows", forYou.trainingRows());
        rows.put("ranker-training-rows", ranker.trainingRows());
        rows.put("ranker-training-users", (long) ranker.trainingUsers());
        rows.put("users", (long) forYou.model().users().size());
        rows.put("items", (long) forYou.model().catalog().size());
        Map<String, String> parameters = new LinkedHashMap<>(forYouOptions.parameters(common.evalSeed));
        parameters.putAll(rankerOptions.parameters());
        parameters.putAll(baselines.parameters());
        parameters.put("input", inputPath);
        if (publishAll) {
            run.publish(ForYouCommand.MODEL, new ModelDraft(ForYouCommand.MODEL, log.fingerprint(), rows, parameters, results),
                    staging -> ForYouFormat.write(forYou.model(), staging));
        }
        Manifest published = run.publish("ranker", new ModelDraft("ranker", log.fingerprint(), rows, parameters, results),
                staging -> ranker.ranker().write(staging));
        TrainingReport report = new TrainingReport(publishAll ? "all" : "ranker", common.evalSeed).rows(rows).parameters(parameters)
                .evaluation(evaluation.userCount(), results);
        SummaryTable summary = new SummaryTable()
                .fact("input", inputPath)
                .fact("lines / bad", log.lines() + " / " + log.badLines())
                .fact("users / items", forYou.model().users().size() + " / " + forYou.model().catalog().size())
                .fact("train / test pairs", forYou.trainPairs() + " / " + forYou.testPairs())
                .fact("ranker rows / users", ranker.trainingRows() + " / " + ranker.trainingUsers())
                .fact("evaluated users", evaluation.userCount() + " (not used by the ranker), seed " + common.evalSeed);
        run.finish(report, summary, published, results);
    }
}
