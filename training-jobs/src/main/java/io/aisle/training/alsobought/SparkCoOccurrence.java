package io.aisle.training.alsobought;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Counts items and item pairs within baskets with Spark and brings the (small) result to the driver.
 * Input rows are {@code (basket, item, category, signal)}, one per distinct item of a basket.
 */
final class SparkCoOccurrence {

    private SparkCoOccurrence() {
    }

    /**
     * @param basketItems distinct (basket, item, category) rows with the item's signal weight in {@code signal}
     *     (in (0, 1], 1 for a purchase)
     * @param minPairCount pairs seen together fewer times are not collected
     * @param maxBasketSize baskets with more distinct items are left out of pair counting (their pairs
     *     grow quadratically and say little), but still count towards item popularity
     */
    static CoOccurrence countPairs(Dataset<Row> basketItems, long minPairCount, int maxBasketSize) {
        Dataset<Row> sizes = basketItems.groupBy("basket").agg(count(lit(1)).as("size"))
                .withColumn("basketWeight", lit(1.0).divide(greatest(lit(1L), col("size").minus(1))));
        // The weighted counts are the Gram matrix X^T W X of the basket-by-item matrix X whose entries are the signal
        // weights (1 for a purchase) and W the basket weights: an item's own entry counts its weight squared, a pair
        // the product of both weights. A basket of purchases alone counts as it did before signals had weights.
        Dataset<Row> weighted = basketItems.join(sizes, "basket")
                .withColumn("itemWeight", col("basketWeight").multiply(col("signal")).multiply(col("signal")));
        Dataset<Row> items = weighted.groupBy("item")
                .agg(count(lit(1)).as("baskets"), first("category", true).as("category"), sum("itemWeight").as("weighted"))
                .orderBy("item");
        List<String> ids = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        List<Long> itemCounts = new ArrayList<>();
        List<Double> weightedCounts = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (Row row : items.collectAsList()) {
            index.put(row.getString(0), ids.size());
            ids.add(row.getString(0));
            itemCounts.add(row.getLong(1));
            categories.add(row.isNullAt(2) ? null : row.getString(2));
            weightedCounts.add(row.getDouble(3));
        }
        long baskets = basketItems.select("basket").distinct().count();

        Dataset<Row> pairable = weighted.where(col("size").leq(maxBasketSize)).select("basket", "item", "basketWeight", "signal");
        Dataset<Row> left = pairable.withColumnRenamed("item", "a");
        Dataset<Row> right = pairable.select(col("basket"), col("item").as("b"), col("signal").as("signalB"));
        List<Row> pairs = left.join(right, "basket")
                .where(col("a").notEqual(col("b")))
                .groupBy("a", "b").agg(count(lit(1)).as("together"),
                        sum(col("basketWeight").multiply(col("signal")).multiply(col("signalB"))).as("weighted"))
                .where(col("together").geq(minPairCount))
                .orderBy("a", "b")
                .collectAsList();

        int n = ids.size();
        List<List<long[]>> perItem = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            perItem.add(new ArrayList<>());
        }
        for (Row row : pairs) {
            perItem.get(index.get(row.getString(0))).add(new long[] {index.get(row.getString(1)), row.getLong(2),
                    Double.doubleToLongBits(row.getDouble(3))});
        }
        int[][] partners = new int[n][];
        long[][] together = new long[n][];
        double[][] weightedTogether = new double[n][];
        long[] counts = new long[n];
        double[] weightedItems = new double[n];
        for (int i = 0; i < n; i++) {
            List<long[]> list = perItem.get(i);
            list.sort((x, y) -> Long.compare(x[0], y[0]));
            partners[i] = list.stream().mapToInt(p -> (int) p[0]).toArray();
            together[i] = list.stream().mapToLong(p -> p[1]).toArray();
            weightedTogether[i] = list.stream().mapToDouble(p -> Double.longBitsToDouble(p[2])).toArray();
            counts[i] = itemCounts.get(i);
            weightedItems[i] = weightedCounts.get(i);
        }
        return new CoOccurrence(ids, categories, counts, baskets, partners, together, weightedItems, weightedTogether);
    }
}
