package io.aisle.recommender.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.Test;

class TreeEnsembleTest {

    private static final int N = RankingFeatures.COUNT;

    /** A booster on 50 groups of 20 rows, some feature values missing. */
    private static Booster train(String objective) throws XGBoostError {
        Random random = new Random(17);
        int rows = 1000;
        float[] features = new float[rows * N];
        float[] labels = new float[rows];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < N; f++) {
                features[r * N + f] = random.nextInt(10) == 0 ? Float.NaN : (float) random.nextGaussian();
            }
            labels[r] = features[r * N] + 0.5f * features[r * N + 2] > 0.3f ? 1 : 0;
        }
        DMatrix data = new DMatrix(features, rows, N, Float.NaN);
        data.setLabel(labels);
        int[] groups = new int[50];
        java.util.Arrays.fill(groups, 20);
        data.setGroup(groups);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("objective", objective);
        parameters.put("max_depth", 5);
        parameters.put("eta", 0.3);
        // 1 unless scripts/trained-model-margins.sh asks for 2: the walk must match whatever trees training made.
        parameters.put("nthread", Integer.getInteger("aisle.test.threads", 1));
        Booster booster = XGBoost.train(data, parameters, 40, new HashMap<>(), null, null);
        data.dispose();
        return booster;
    }

    @Test
    void aRankingBoosterIsWalkedInJavaAndScoresAsXGBoost() throws XGBoostError {
        Booster booster = train("rank:pairwise");
        ReRanker ranker = ReRanker.of(booster, 100);
        assertTrue(ranker.walksTreesInJava());

        Random random = new Random(99);
        int rows = 300;
        float[] features = new float[rows * N];
        // Missing values only in the first half, so both walks (with and without missing values) are checked.
        for (int i = 0; i < features.length; i++) {
            features[i] = i < features.length / 2 && random.nextInt(8) == 0 ? Float.NaN : (float) (random.nextGaussian() * 2);
        }
        DMatrix matrix = new DMatrix(features, rows, N, Float.NaN);
        float[][] expected = booster.predict(matrix);
        matrix.dispose();
        double[] ours = ranker.predict(features, rows);
        for (int r = 0; r < rows; r++) {
            assertEquals(expected[r][0], ours[r], 1e-6, "row " + r);
        }
    }

    @Test
    void aBoosterWhoseOutputIsTransformedKeepsXGBoostsOwnPrediction() throws XGBoostError {
        // binary:logistic returns the sigmoid of the margin, which the walk does not apply.
        assertFalse(ReRanker.of(train("binary:logistic"), 100).walksTreesInJava());
    }
}
