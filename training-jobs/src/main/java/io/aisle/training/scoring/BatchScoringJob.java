package io.aisle.training.scoring;

import io.aisle.recommender.engine.Recommendation;
import io.aisle.recommender.engine.TenantModels;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.recommender.scoring.ScoredItem;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Top-K lists of a tenant's approved model for every user (for-you) or every item (also-bought), the batch
 * transform of the endpoint: each partition loads the approved versions from the registry and asks the same
 * {@link TenantModels} the server asks, with no filter and no purchases since training, so a list equals
 * the endpoint's answer for that user or item and that version.
 */
public final class BatchScoringJob {

    /** What to score. */
    public enum Target {
        FOR_YOU(TenantModels.FOR_YOU), ALSO_BOUGHT(TenantModels.ALSO_BOUGHT);

        private final String model;

        Target(String model) {
            this.model = model;
        }

        public String model() {
            return model;
        }
    }

    /** One output row per recommended item. */
    public static final StructType SCHEMA = new StructType()
            .add("key", DataTypes.StringType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("item", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, false)
            .add("version", DataTypes.StringType, false)
            .add("fallback", DataTypes.BooleanType, false);

    private BatchScoringJob() {
    }

    /**
     * The users (for-you) or items (also-bought) of the approved version, for scoring all of them.
     *
     * @throws IllegalArgumentException when the tenant has no approved version of the model
     */
    public static List<String> allKeys(Path registry, String tenant, Target target) {
        TenantModels models = TenantModels.loadApproved(new ModelRegistry(registry, Clock.systemUTC()), tenant);
        return switch (target) {
            case FOR_YOU -> models.forYouModel().map(m -> m.model().model().users())
                    .orElseThrow(() -> notApproved(tenant, target));
            case ALSO_BOUGHT -> models.alsoBoughtModel().map(m -> m.model().neighbours().catalog().itemIds())
                    .orElseThrow(() -> notApproved(tenant, target));
        };
    }

    private static IllegalArgumentException notApproved(String tenant, Target target) {
        return new IllegalArgumentException("tenant " + tenant + " has no approved " + target.model()
                + " version; approve one with ./aisle models approve");
    }

    /** Scores {@code keys} in {@code partitions} Spark tasks; rows as {@link #SCHEMA}. */
    public static Dataset<Row> score(SparkSession spark, Path registry, String tenant, Target target, int k,
                                     List<String> keys, int partitions) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1 but was " + k);
        }
        Dataset<String> keyRows = spark.createDataset(keys, Encoders.STRING()).repartition(partitions);
        return keyRows.mapPartitions(new ScorePartition(registry.toAbsolutePath().toString(), tenant, target, k),
                Encoders.row(SCHEMA));
    }

    /** Loads the approved models once per partition and scores its keys one at a time, as rows are pulled. */
    private record ScorePartition(String registry, String tenant, Target target, int k)
            implements MapPartitionsFunction<String, Row>, Serializable {

        @Override
        public Iterator<Row> call(Iterator<String> keys) {
            TenantModels models = TenantModels.loadApproved(new ModelRegistry(Path.of(registry), Clock.systemUTC()), tenant);
            return new Iterator<>() {
                private Iterator<Row> current = java.util.Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!current.hasNext() && keys.hasNext()) {
                        current = rowsOf(models, keys.next()).iterator();
                    }
                    return current.hasNext();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return current.next();
                }
            };
        }

        private List<Row> rowsOf(TenantModels models, String key) {
            Recommendation recommendation = target == Target.FOR_YOU
                    ? models.forYou(key, k, ItemFilter.NONE)
                    : models.alsoBought(List.of(key), k, ItemFilter.NONE);
            List<ScoredItem> items = recommendation.items();
            Row[] rows = new Row[items.size()];
            for (int rank = 0; rank < rows.length; rank++) {
                rows[rank] = RowFactory.create(key, rank + 1, items.get(rank).itemId(), items.get(rank).score(),
                        recommendation.version(), recommendation.fallback());
            }
            return List.of(rows);
        }
    }
}
