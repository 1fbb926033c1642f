package io.aisle.recommender.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

class ReRankerConcurrencyTest {

    @Test
    void threadsSharingTheBoosterGetTheSameScoresAsOneThread() throws Exception {
        Random random = new Random(3);
        int rows = 400;
        float[] features = new float[rows * RankingFeatures.COUNT];
        float[] labels = new float[rows];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < RankingFeatures.COUNT; f++) {
                features[r * RankingFeatures.COUNT + f] = random.nextFloat();
            }
            labels[r] = features[r * RankingFeatures.COUNT] + features[r * RankingFeatures.COUNT + 1] > 1 ? 1 : 0;
        }
        DMatrix train = new DMatrix(features, rows, RankingFeatures.COUNT, Float.NaN);
        train.setLabel(labels);
        HashMap<String, Object> parameters = new HashMap<>();
        parameters.put("objective", "binary:logistic");
        parameters.put("max_depth", 4);
        parameters.put("nthread", 1);
        ReRanker ranker = ReRanker.of(XGBoost.train(train, parameters, 30, new HashMap<>(), null, null), 50);
        train.dispose();

        List<float[]> queries = new ArrayList<>();
        List<double[]> expected = new ArrayList<>();
        for (int q = 0; q < 40; q++) {
            float[] query = new float[50 * RankingFeatures.COUNT];
            for (int i = 0; i < query.length; i++) {
                query[i] = random.nextFloat();
            }
            queries.add(query);
            expected.add(ranker.predict(query, 50));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 10; round++) {
                        for (int q = 0; q < queries.size(); q++) {
                            assertArrayEquals(expected.get(q), ranker.predict(queries.get(q), 50), 0.0, "query " + q);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
