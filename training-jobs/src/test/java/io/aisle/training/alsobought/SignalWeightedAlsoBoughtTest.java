package io.aisle.training.alsobought;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.recommender.alsobought.ItemNeighbours;
import io.aisle.training.evaluation.Metrics;
import io.aisle.training.ingest.Interaction;
import io.aisle.training.ingest.SignalWeights;
import io.aisle.training.report.Progress;
import io.aisle.training.spark.SparkSessions;
import io.aisle.training.testing.PairedShopperLog;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Views and carts as weighted signals of also-bought, scored on held-out purchases, on real Spark local[2]. */
class SignalWeightedAlsoBoughtTest {

    private static final NeighbourBuilder.Parameters PARAMETERS = new NeighbourBuilder.Parameters(50, 2, 20, 0.3, 10, 0.67, 100);
    private static final PairedShopperLog LOG = new PairedShopperLog(11, 40, 200, 60, 150, 1500);

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSessions.create("signal-weights-test", "local[2]", 2);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static AlsoBoughtJob.Result train(List<Interaction> interactions) {
        AlsoBoughtJob.Settings settings = new AlsoBoughtJob.Settings(SimilarityMeasure.EASE, PARAMETERS, 100, 1000, 42, 0.2,
                1000, 3, false);
        return AlsoBoughtJob.run(spark, JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(interactions, 2),
                settings, Progress.SILENT);
    }

    private static double meanHitRate(AlsoBoughtJob.Result result) {
        return result.splits().mean().get(AlsoBoughtJob.AISLE).get(Metrics.HIT_RATE_AT_10);
    }

    @Test
    void viewsOfWeightZeroTrainTheSameListsAsPurchasesAlone() {
        AlsoBoughtJob.Result withViews = train(PairedShopperLog.interactions(LOG.lines(), SignalWeights.PURCHASES_ONLY));
        AlsoBoughtJob.Result purchases = train(PairedShopperLog.interactions(LOG.purchaseLines(), new SignalWeights(0.5, 0.5)));

        assertEquals(purchases.splits().results(), withViews.splits().results());
        assertEquals(purchases.baskets(), withViews.baskets());
        assertSameLists(purchases.model(), withViews.model());
    }

    @Test
    void viewsThatForetellPurchasesRaiseHitRateOnHeldOutPurchases() {
        AlsoBoughtJob.Result purchases = train(PairedShopperLog.interactions(LOG.lines(), SignalWeights.PURCHASES_ONLY));
        AlsoBoughtJob.Result weighted = train(PairedShopperLog.interactions(LOG.lines(), new SignalWeights(0.25, 0)));

        // Measured: 0.47 against 0.37 (3 splits); the bar keeps half the gain as margin.
        // The same held-out purchases are scored: the views add baskets to training, never cases to the test.
        assertEquals(purchases.evaluationCases(), weighted.evaluationCases());
        assertTrue(meanHitRate(weighted) > meanHitRate(purchases) + 0.05,
                "HR@10 with views " + meanHitRate(weighted) + ", purchases alone " + meanHitRate(purchases));
    }

    private static void assertSameLists(ItemNeighbours expected, ItemNeighbours actual) {
        assertEquals(expected.catalog().size(), actual.catalog().size());
        for (int i = 0; i < expected.catalog().size(); i++) {
            assertEquals(expected.catalog().itemId(i), actual.catalog().itemId(i));
        }
        for (int i = 0; i < expected.catalog().size(); i++) {
            assertArrayEquals(expected.neighbourIndices(i), actual.neighbourIndices(i));
            assertArrayEquals(expected.neighbourScores(i), actual.neighbourScores(i));
        }
    }
}
