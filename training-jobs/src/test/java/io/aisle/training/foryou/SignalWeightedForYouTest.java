package io.aisle.training.foryou;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.recommender.foryou.FactorizationMachineScorer;
import io.aisle.training.ingest.Interaction;
import io.aisle.training.ingest.SignalWeights;
import io.aisle.training.report.Progress;
import io.aisle.training.spark.SparkSessions;
import io.aisle.training.testing.PairedShopperLog;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Views and carts as weighted for-you positives, scored on held-out purchases, on real Spark local[2]. */
class SignalWeightedForYouTest {

    private static final PairedShopperLog LOG = new PairedShopperLog(5, 20, 60, 30, 120, 300);
    private static final ForYouJob.Settings SETTINGS = new ForYouJob.Settings(4, 20, 0.05, 0.001, 1, 42, 0.2, 7, 1.0, 10, 0.5);

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSessions.create("signal-weights-for-you-test", "local[2]", 2);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static ForYouJob.Result train(List<Interaction> interactions) {
        return ForYouJob.run(spark, JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(interactions, 2),
                SETTINGS, Progress.SILENT);
    }

    @Test
    void viewsOfWeightZeroTrainTheSameModelAsPurchasesAlone() {
        ForYouJob.Result withViews = train(PairedShopperLog.interactions(LOG.lines(), SignalWeights.PURCHASES_ONLY));
        ForYouJob.Result purchases = train(PairedShopperLog.interactions(LOG.purchaseLines(), new SignalWeights(0.5, 0.5)));

        assertEquals(purchases.trainingRows(), withViews.trainingRows());
        assertArrayEquals(purchases.trainHistories(), withViews.trainHistories());
        assertArrayEquals(purchases.testItems(), withViews.testItems());
        FactorizationMachineScorer expected = new FactorizationMachineScorer(purchases.model());
        FactorizationMachineScorer actual = new FactorizationMachineScorer(withViews.model());
        for (int user = 0; user < purchases.model().users().size(); user++) {
            for (int item = 0; item < purchases.model().catalog().size(); item++) {
                assertEquals(expected.scoreRaw(user, item), actual.scoreRaw(user, item), 1e-12);
            }
        }
    }

    @Test
    void trainsOnViewsButHoldsOutPurchasesOnly() {
        ForYouJob.Result weighted = train(PairedShopperLog.interactions(LOG.lines(), new SignalWeights(0.5, 0)));
        ForYouJob.Result purchases = train(PairedShopperLog.interactions(LOG.purchaseLines(), SignalWeights.PURCHASES_ONLY));

        Set<String> bought = new HashSet<>();
        for (Interaction purchase : PairedShopperLog.interactions(LOG.purchaseLines(), SignalWeights.PURCHASES_ONLY)) {
            bought.add(purchase.user() + " " + purchase.item());
        }
        int[][] test = weighted.testItems();
        for (int user = 0; user < test.length; user++) {
            for (int item : test[user]) {
                String pair = weighted.model().users().get(user) + " " + weighted.model().catalog().itemId(item);
                assertTrue(bought.contains(pair), pair + " is held out but was never bought");
            }
        }
        // The views add training pairs (and rows), none of them held out.
        assertTrue(weighted.trainPairs() > purchases.trainPairs(), weighted.trainPairs() + " vs " + purchases.trainPairs());
        assertTrue(weighted.testPairs() >= purchases.testPairs());
    }
}
