package io.aisle.simulations.jmh;

import io.aisle.recommender.foryou.FactorizationMachineScorer;
import io.aisle.recommender.foryou.ForYouModel;
import io.aisle.recommender.ranking.RankingFeatures;
import io.aisle.recommender.ranking.ReRanker;
import io.aisle.recommender.scoring.CandidateMask;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.recommender.scoring.TopK;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * XGBoost re-ranking of 100 FM candidates for one user (features + booster predict, one thread), with
 * a booster of 100 trees of depth 6 trained on random data with {@code rank:ndcg}. {@code featuresOnly}
 * measures the feature computation alone, so the booster's share is the difference. The fork runs with
 * {@code OMP_WAIT_POLICY=PASSIVE}, as the launcher and serving do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Threads(1)
public class ReRankBenchmark {

    private ForYouModel model;
    private ReRanker ranker;
    private int[][] candidates;
    private double[][] scores;
    private int user;

    @Setup(Level.Trial)
    public void build() throws XGBoostError {
        model = SyntheticModels.forYou(200, 20_000, 16, 7);
        FactorizationMachineScorer scorer = new FactorizationMachineScorer(model);
        candidates = new int[model.users().size()][];
        scores = new double[model.users().size()][];
        for (int u = 0; u < candidates.length; u++) {
            TopK top = new TopK(100);
            scorer.topK(scorer.userPart(u), new CandidateMask(model.catalog(), ItemFilter.NONE, model.history(u)), top);
            candidates[u] = new int[100];
            scores[u] = new double[100];
            top.drainInto(candidates[u], scores[u]);
        }
        ranker = ReRanker.of(trainBooster(), 100);
    }

    private static Booster trainBooster() throws XGBoostError {
        SplittableRandom random = new SplittableRandom(3);
        int groups = 200;
        int perGroup = 50;
        float[] data = new float[groups * perGroup * RankingFeatures.COUNT];
        float[] labels = new float[groups * perGroup];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextDouble();
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data[i * RankingFeatures.COUNT] + data[i * RankingFeatures.COUNT + 1] > 1.2 ? 1 : 0;
        }
        DMatrix train = new DMatrix(data, labels.length, RankingFeatures.COUNT, Float.NaN);
        train.setLabel(labels);
        int[] groupSizes = new int[groups];
        java.util.Arrays.fill(groupSizes, perGroup);
        train.setGroup(groupSizes);
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "rank:ndcg");
        params.put("max_depth", 6);
        params.put("eta", 0.1);
        params.put("nthread", 1);
        return XGBoost.train(train, params, 100, new HashMap<>(), null, null);
    }

    @Setup(Level.Invocation)
    public void nextUser() {
        user = (user + 1) % candidates.length;
    }

    @Benchmark
    public double[] reRank() {
        return ranker.score(model, Optional.empty(), model.history(user), candidates[user], scores[user]);
    }

    @Benchmark
    public float[] featuresOnly() {
        return RankingFeatures.compute(model, Optional.empty(), model.history(user), candidates[user], scores[user]);
    }
}
