package io.aisle.training.ranker;

import io.aisle.recommender.alsobought.AlsoBoughtScorer;
import io.aisle.recommender.alsobought.ItemNeighbours;
import io.aisle.recommender.foryou.FactorizationMachineScorer;
import io.aisle.recommender.foryou.ForYouModel;
import io.aisle.recommender.ranking.RankingFeatures;
import io.aisle.recommender.ranking.ReRanker;
import io.aisle.recommender.scoring.CandidateMask;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.recommender.scoring.ScoredItem;
import io.aisle.recommender.scoring.TopK;
import io.aisle.training.evaluation.SeededSplit;
import io.aisle.training.evaluation.UserEvaluation;
import io.aisle.training.foryou.ForYouJob;
import io.aisle.training.report.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRanker;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRankerModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Trains the re-ranker. Its labels must come from purchases the FM did not train on, so it learns from
 * the held-out items of half of the users (chosen by a seeded hash) and is evaluated on the other half.
 * Candidates per user: the FM's top {@code fmCandidates} plus the also-bought top {@code alsoBoughtCandidates}
 * for the user's history; a candidate is positive when it is one of the user's held-out items.
 */
public final class RankerJob {

    public record Settings(int fmCandidates, int alsoBoughtCandidates, int rounds, int maxDepth, double eta,
                           int maxTrainUsers, long seed) {
    }

    public record Result(ReRanker ranker, long trainingRows, int trainingUsers) {
    }

    private static final StructType SCHEMA = new StructType()
            .add("label", DataTypes.DoubleType, false)
            .add("group", DataTypes.IntegerType, false)
            .add("features", SQLDataTypes.VectorType(), false);

    private RankerJob() {
    }

    /** True for the users whose held-out items train the ranker; the others evaluate it. */
    public static boolean trainsRanker(long seed, int user) {
        return new SeededSplit(seed + 1, 0.5).isTest("user-" + user);
    }

    public static Result train(SparkSession spark, ForYouJob.Result forYou, Optional<ItemNeighbours> alsoBought,
                               Settings settings, Progress progress) throws XGBoostError, java.io.IOException {
        ForYouModel model = forYou.model();
        FactorizationMachineScorer scorer = new FactorizationMachineScorer(model);
        Candidates candidates = new Candidates(scorer, alsoBought, settings);
        List<Row> rows = new ArrayList<>();
        int users = 0;
        for (int u = 0; u < model.users().size() && users < settings.maxTrainUsers(); u++) {
            int[] test = forYou.testItems()[u];
            if (test.length == 0 || !trainsRanker(settings.seed(), u)) {
                continue;
            }
            Candidates.ForUser forUser = candidates.of(u);
            float[] features = RankingFeatures.compute(model, alsoBought, model.history(u), forUser.items(), forUser.fmScores());
            boolean anyPositive = false;
            List<Row> group = new ArrayList<>();
            for (int c = 0; c < forUser.items().length; c++) {
                boolean positive = Arrays.binarySearch(test, forUser.items()[c]) >= 0;
                anyPositive |= positive;
                double[] vector = new double[RankingFeatures.COUNT];
                for (int f = 0; f < RankingFeatures.COUNT; f++) {
                    vector[f] = features[c * RankingFeatures.COUNT + f];
                }
                group.add(RowFactory.create(positive ? 1.0 : 0.0, u, Vectors.dense(vector)));
            }
            // A group without a positive teaches a pairwise ranker nothing.
            if (anyPositive) {
                rows.addAll(group);
                users++;
            }
        }
        progress.note("ranker training: " + rows.size() + " candidate rows of " + users + " users");
        Dataset<Row> data = spark.createDataFrame(rows, SCHEMA).repartition(1).sortWithinPartitions("group");
        XGBoostRankerModel fitted = estimator(settings).fit(data);
        byte[] booster = fitted.nativeBooster().toByteArray("ubj");
        return new Result(ReRanker.of(XGBoost.loadModel(booster), settings.fmCandidates()), rows.size(), users);
    }

    /** The XGBoost4J-Spark estimator; Scala setters return Params from Java, so they are not chained. */
    public static XGBoostRanker estimator(Settings settings) {
        XGBoostRanker ranker = new XGBoostRanker();
        ranker.setGroupCol("group");
        ranker.setLabelCol("label");
        ranker.setFeaturesCol("features");
        ranker.setObjective("rank:ndcg");
        ranker.setNumRound(settings.rounds());
        ranker.setMaxDepth(settings.maxDepth());
        ranker.setEta(settings.eta());
        ranker.setNumWorkers(1);
        ranker.setNthread(1);
        ranker.setSeed(settings.seed());
        // Machines without a default route cannot resolve their own address for the tracker.
        ranker.setRabitTrackerHostIp("127.0.0.1");
        // Groups must not be split across workers.
        ranker.setForceRepartition(true);
        return ranker;
    }

    /** Evaluates FM candidates re-ranked by the booster, as serving does. */
    public static UserEvaluation.UserRanker ranked(ForYouJob.Result forYou, Optional<ItemNeighbours> alsoBought,
                                                   ReRanker ranker, Settings settings) {
        ForYouModel model = forYou.model();
        Candidates candidates = new Candidates(new FactorizationMachineScorer(model), alsoBought, settings);
        return (user, history, k) -> {
            Candidates.ForUser forUser = candidates.of(user);
            double[] scores = ranker.score(model, alsoBought, model.history(user), forUser.items(), forUser.fmScores());
            TopK top = new TopK(k);
            for (int c = 0; c < scores.length; c++) {
                top.offer(c, scores[c]);
            }
            return Arrays.stream(top.drainIndices()).map(c -> forUser.items()[c]).toArray();
        };
    }

    /** Candidate generation shared by training and evaluation. */
    static final class Candidates {
        record ForUser(int[] items, double[] fmScores) {
        }

        private final FactorizationMachineScorer scorer;
        private final Optional<AlsoBoughtScorer> alsoBought;
        private final Settings settings;

        Candidates(FactorizationMachineScorer scorer, Optional<ItemNeighbours> alsoBought, Settings settings) {
            this.scorer = scorer;
            this.alsoBought = alsoBought.map(AlsoBoughtScorer::new);
            this.settings = settings;
        }

        ForUser of(int user) {
            ForYouModel model = scorer.model();
            int[] history = model.history(user);
            TopK top = new TopK(settings.fmCandidates());
            FactorizationMachineScorer.UserPart userPart = scorer.userPart(user);
            scorer.topK(userPart, new CandidateMask(model.catalog(), ItemFilter.NONE, history), top);
            LinkedHashSet<Integer> items = new LinkedHashSet<>();
            for (int item : top.drainIndices()) {
                items.add(item);
            }
            if (alsoBought.isPresent() && settings.alsoBoughtCandidates() > 0) {
                List<String> basket = Arrays.stream(history).mapToObj(i -> model.catalog().itemId(i)).toList();
                for (ScoredItem item : alsoBought.get().recommend(basket, settings.alsoBoughtCandidates(), ItemFilter.NONE)) {
                    OptionalInt index = model.catalog().findIndex(item.itemId());
                    if (index.isPresent() && Arrays.binarySearch(history, index.getAsInt()) < 0) {
                        items.add(index.getAsInt());
                    }
                }
            }
            int[] candidates = items.stream().mapToInt(Integer::intValue).toArray();
            double[] fmScores = new double[candidates.length];
            for (int c = 0; c < candidates.length; c++) {
                fmScores[c] = scorer.scoreRaw(userPart, candidates[c]);
            }
            return new ForUser(candidates, fmScores);
        }
    }
}
