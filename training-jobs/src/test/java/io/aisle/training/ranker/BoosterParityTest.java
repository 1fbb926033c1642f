package io.aisle.training.ranker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.recommender.ranking.RankingFeatures;
import io.aisle.recommender.ranking.ReRanker;
import io.aisle.training.spark.SparkSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRankerModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The booster exported from XGBoost4J-Spark, scored through the plain Java API, must match Spark's transform. */
class BoosterParityTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSessions.create("booster-parity", "local[2]", 2);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void boosterScoredWithoutSparkMatchesSparkPredictions(@TempDir Path folder) throws Exception {
        Random random = new Random(42);
        List<Row> rows = new ArrayList<>();
        for (int group = 0; group < 60; group++) {
            for (int c = 0; c < 20; c++) {
                double[] x = new double[RankingFeatures.COUNT];
                for (int f = 0; f < x.length; f++) {
                    x[f] = random.nextDouble();
                }
                double label = x[0] + 0.5 * x[1] + 0.1 * random.nextGaussian() > 0.9 ? 1 : 0;
                rows.add(RowFactory.create(label, group, Vectors.dense(x)));
            }
        }
        StructType schema = new StructType().add("label", DataTypes.DoubleType).add("group", DataTypes.IntegerType)
                .add("features", SQLDataTypes.VectorType());
        Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(1).sortWithinPartitions("group");
        XGBoostRankerModel fitted = RankerJob.estimator(new RankerJob.Settings(100, 0, 20, 4, 0.3, 100, 7)).fit(data);
        List<Row> predicted = fitted.transform(data).select("features", "prediction").collectAsList();

        // Through the portable files, as serving loads them.
        ReRanker.of(XGBoost.loadModel(fitted.nativeBooster().toByteArray("ubj")), 100).write(folder);
        ReRanker loaded = ReRanker.load(folder);
        assertTrue(loaded.walksTreesInJava(), "serving walks the ranker's trees in Java");
        float[] features = new float[predicted.size() * RankingFeatures.COUNT];
        for (int r = 0; r < predicted.size(); r++) {
            double[] x = ((Vector) predicted.get(r).get(0)).toArray();
            for (int f = 0; f < x.length; f++) {
                features[r * RankingFeatures.COUNT + f] = (float) x[f];
            }
        }
        double[] ours = loaded.predict(features, predicted.size());
        double largest = 0;
        for (int r = 0; r < predicted.size(); r++) {
            largest = Math.max(largest, Math.abs(ours[r] - predicted.get(r).getDouble(1)));
        }
        assertEquals(1200, predicted.size());
        assertTrue(largest < 1e-6, "largest difference " + largest);
    }
}
