package io.aisle.training.foryou;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.recommender.foryou.FactorizationMachine;
import io.aisle.recommender.foryou.FactorizationMachineScorer;
import io.aisle.recommender.foryou.ForYouFormat;
import io.aisle.recommender.foryou.ForYouModel;
import io.aisle.training.ingest.Interaction;
import io.aisle.training.spark.SparkSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.FMClassificationModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
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

/** The plain-Java FM scorer must reproduce Spark's FMClassificationModel.transform. */
class ForYouParityTest {

    private static SparkSession spark;
    private static ForYouJob.Index index;
    private static FMClassificationModel fitted;
    private static List<Row> predictions;

    @BeforeAll
    static void trainATinyModel() {
        spark = SparkSessions.create("fm-parity", "local[2]", 2);
        Random random = new Random(42);
        List<Interaction> interactions = new ArrayList<>();
        for (int n = 0; n < 400; n++) {
            int user = random.nextInt(30);
            int item = random.nextInt(40);
            // Items 35..39 have no category, to cover both feature layouts.
            String category = item >= 35 ? null : "c" + item % 5;
            interactions.add(new Interaction("u" + user, "i" + item, "o" + n, 1_000_000L + random.nextInt(1_000_000), category, Double.NaN));
        }
        JavaRDD<Interaction> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(interactions, 2);
        index = ForYouJob.Index.of(rdd, true, 0.5);
        StructType schema = new StructType().add("user", DataTypes.IntegerType).add("item", DataTypes.IntegerType)
                .add("label", DataTypes.DoubleType).add("features", SQLDataTypes.VectorType());
        List<Row> rows = new ArrayList<>();
        for (int u = 0; u < index.users.size(); u++) {
            for (int i = 0; i < index.items.size(); i++) {
                double label = java.util.Arrays.binarySearch(index.histories[u], i) >= 0 ? 1.0 : 0.0;
                rows.add(RowFactory.create(u, i, label, index.features(u, i, historyWithout(u, i))));
            }
        }
        Dataset<Row> data = spark.createDataFrame(rows, schema);
        fitted = ForYouJob.trainer(new ForYouJob.Settings(4, 20, 0.05, 0.001, 1, 42, 0.2, 7, 1.0, 10, 0.5)).fit(data);
        predictions = fitted.transform(data).select("user", "item", "probability", "features").collectAsList();
    }

    /** The user's training history without the item, as training rows describe a user. */
    private static int[] historyWithout(int user, int item) {
        return java.util.Arrays.stream(index.histories[user]).filter(h -> h != item).toArray();
    }

    private static ForYouModel.UserContext context(int user, int item) {
        return new ForYouModel.UserContext(user, historyWithout(user, item));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void scorerReproducesSparkProbabilitiesWithin1e9() {
        ForYouModel model = index.model(FactorizationMachineExport.from(fitted));
        FactorizationMachineScorer scorer = new FactorizationMachineScorer(model);
        double largest = 0;
        for (Row row : predictions) {
            double spark = ((Vector) row.get(2)).apply(1);
            ForYouModel.UserContext user = context(row.getInt(0), row.getInt(1));
            double ours = FactorizationMachine.probability(scorer.scoreRaw(scorer.userPart(user), row.getInt(1)));
            largest = Math.max(largest, Math.abs(spark - ours));
        }
        assertTrue(largest < 1e-9, "largest difference " + largest);
        assertEquals(index.users.size() * index.items.size(), predictions.size());
    }

    @Test
    void modelBuildsTheSameFeatureVectorsAsTraining() {
        ForYouModel model = index.model(FactorizationMachineExport.from(fitted));
        for (Row row : predictions.subList(0, 200)) {
            SparseVector features = ((Vector) row.get(3)).toSparse();
            ForYouModel.SparseInput input = model.input(context(row.getInt(0), row.getInt(1)), row.getInt(1));
            assertArrayEquals(features.indices(), input.indices());
            assertArrayEquals(features.values(), input.values(), 0.0);
        }
    }

    @Test
    void exportedFilesScoreExactlyLikeTheModelInMemory(@TempDir Path folder) {
        ForYouModel model = index.model(FactorizationMachineExport.from(fitted));
        ForYouFormat.write(model, folder);
        FactorizationMachineScorer before = new FactorizationMachineScorer(model);
        FactorizationMachineScorer after = new FactorizationMachineScorer(ForYouFormat.read(folder));
        double[] expected = new double[model.catalog().size()];
        double[] actual = new double[model.catalog().size()];
        for (int u = 0; u < model.users().size(); u++) {
            before.scoreAll(before.userPart(u), expected);
            after.scoreAll(after.userPart(u), actual);
            assertArrayEquals(expected, actual, 0.0);
        }
    }

    @Test
    void directFormulaMatchesThePrecomputedScorer() {
        ForYouModel model = index.model(FactorizationMachineExport.from(fitted));
        FactorizationMachineScorer scorer = new FactorizationMachineScorer(model);
        for (int u = 0; u < 5; u++) {
            for (int i = 0; i < model.catalog().size(); i++) {
                ForYouModel.SparseInput input = model.input(u, i);
                assertEquals(model.machine().predictRaw(input.indices(), input.values()), scorer.scoreRaw(u, i), 1e-12);
            }
        }
        // A user the model never saw, described by a history alone, as serving describes a new shopper.
        ForYouModel.UserContext stranger = new ForYouModel.UserContext(-1, new int[] {3, 7, 11});
        FactorizationMachineScorer.UserPart part = scorer.userPart(stranger);
        for (int i = 0; i < model.catalog().size(); i++) {
            ForYouModel.SparseInput input = model.input(stranger, i);
            assertEquals(model.machine().predictRaw(input.indices(), input.values()), scorer.scoreRaw(part, i), 1e-12);
        }
    }
}
