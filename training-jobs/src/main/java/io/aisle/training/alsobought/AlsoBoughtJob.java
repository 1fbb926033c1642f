package io.aisle.training.alsobought;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.max;

import io.aisle.recommender.alsobought.AlsoBoughtScorer;
import io.aisle.recommender.alsobought.ItemNeighbours;
import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.recommender.scoring.ScoredItem;
import io.aisle.training.evaluation.BasketEvaluation;
import io.aisle.training.evaluation.Metrics;
import io.aisle.training.evaluation.RepeatedSplits;
import io.aisle.training.evaluation.SeededSplit;
import io.aisle.training.ingest.Interaction;
import io.aisle.training.report.Progress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Trains also-bought neighbour lists and evaluates them against confidence, the other similarity
 * measures and popularity on the same seeded 80/20 split (of shopper-days, or of baskets when the log
 * names no shoppers; only purchases are held out), and on further splits when asked; those can also
 * choose the measure. The published model is then fitted on all baskets with the same settings.
 */
public final class AlsoBoughtJob {

    /** Method name of the chosen measure in reports. */
    public static final String AISLE = "aisle";
    public static final String POPULARITY = "popularity";
    /** The method that scores the version approved before this run, in {@link Comparison#results()}. */
    public static final String APPROVED = "approved";

    /**
     * @param similarity the measure to use, or with {@code chooseSimilarity} the one preferred on a tie
     * @param maxBasketSize baskets larger than this are left out of pair counts
     * @param maxEvalBaskets test baskets evaluated at most (the first ones by basket id)
     * @param evalSplits splits evaluated, with seeds {@code evalSeed, evalSeed + 1, ...}; the first is the
     *     one reported as the evaluation, the others only add to {@link Result#splits()}
     * @param chooseSimilarity use the measure with the best mean HR@10 on the splits after the first, so
     *     that the reported split plays no part in the choice
     */
    public record Settings(SimilarityMeasure similarity, NeighbourBuilder.Parameters parameters, int maxBasketSize,
                           int easeMaxItems, long evalSeed, double testShare, int maxEvalBaskets, int evalSplits,
                           boolean chooseSimilarity) {

        public Settings {
            if (evalSplits < 1) {
                throw new IllegalArgumentException("evalSplits must be >= 1 but was " + evalSplits);
            }
            if (chooseSimilarity && evalSplits < 2) {
                throw new IllegalArgumentException("choosing the similarity needs at least 2 splits (the first is only"
                        + " reported) but evalSplits was " + evalSplits);
            }
        }

        Settings withSimilarity(SimilarityMeasure chosen) {
            return new Settings(chosen, parameters, maxBasketSize, easeMaxItems, evalSeed, testShare, maxEvalBaskets,
                    evalSplits, chooseSimilarity);
        }
    }

    /**
     * @param similarity the measure actually used (EASE becomes NEIGHBOURHOOD_EASE above {@code easeMaxItems})
     * @param evaluation method to metric to value, on the split of {@code evalSeed}
     * @param splits the same methods on every evaluated split, the first being {@code evaluation}
     */
    public record Result(ItemNeighbours model, SimilarityMeasure similarity, Map<String, Map<String, Double>> evaluation,
                         long baskets, long trainBaskets, int evaluationCases, RepeatedSplits splits,
                         Optional<Instant> dataUntil, Optional<Comparison> comparison) {
    }

    /**
     * The version approved before this run.
     *
     * @param dataUntil when the data it was trained on ends: baskets after it are ones it cannot have seen
     */
    public record Incumbent(ItemNeighbours model, Instant dataUntil) {
    }

    /**
     * The new model ({@value #AISLE}, fitted on the training part of the reported split) and the approved one
     * ({@value #APPROVED}) on the same hidden items: those of the split's test baskets newer than the approved
     * version's data, which neither has seen.
     */
    public record Comparison(int cases, Map<String, Map<String, Double>> results) {
    }

    /** One split's training counts, the measure used on them and what the methods scored. */
    record SplitEvaluation(long seed, CoOccurrence trainCounts, SimilarityMeasure measure, int cases,
                           Map<String, Map<String, Double>> results, Optional<Comparison> comparison) {
    }

    private static final StructType SCHEMA = new StructType()
            .add("basket", DataTypes.StringType, false)
            .add("item", DataTypes.StringType, false)
            .add("category", DataTypes.StringType, true)
            .add("at", DataTypes.LongType, false)
            .add("signal", DataTypes.DoubleType, false)
            .add("purchase", DataTypes.BooleanType, false)
            .add("splitKey", DataTypes.StringType, false);

    private AlsoBoughtJob() {
    }

    public static Result run(SparkSession spark, JavaRDD<Interaction> interactions, Settings settings, Progress progress) {
        return run(spark, interactions, settings, Optional.empty(), progress);
    }

    /** @param incumbent when given, compared with the new model as {@link Result#comparison()} says */
    public static Result run(SparkSession spark, JavaRDD<Interaction> interactions, Settings settings,
                             Optional<Incumbent> incumbent, Progress progress) {
        JavaRDD<Row> rows = interactions.map(i -> RowFactory.create(i.basket(), i.item(), i.category(), i.timestampMillis(),
                i.signalWeight(), i.isPurchase(), splitKey(i)));
        // An item viewed, carted and bought in one basket is one entry of the strongest signal.
        Dataset<Row> all = spark.createDataFrame(rows, SCHEMA).groupBy("basket", "item")
                .agg(first("category", true).as("category"), max(col("at")).as("at"), max(col("signal")).as("signal"),
                        max(col("purchase")).as("purchase"), first("splitKey").as("splitKey"))
                .cache();

        List<SplitEvaluation> later = new ArrayList<>();
        for (int split = 1; split < settings.evalSplits(); split++) {
            long seed = settings.evalSeed() + split;
            progress.step("split " + (split + 1) + " of " + settings.evalSplits() + " (seed " + seed + ")");
            later.add(evaluate(all, settings, seed, Optional.empty(), Progress.SILENT));
        }
        Settings used = settings;
        if (settings.chooseSimilarity()) {
            used = settings.withSimilarity(best(later, settings.similarity()));
            progress.note("chose " + used.similarity().label() + ": best mean " + Metrics.HIT_RATE_AT_10 + " on seeds "
                    + (settings.evalSeed() + 1) + "-" + (settings.evalSeed() + settings.evalSplits() - 1));
        }
        SplitEvaluation first = evaluate(all, used, settings.evalSeed(), incumbent, progress);
        List<Long> seeds = new ArrayList<>(List.of(settings.evalSeed()));
        List<Map<String, Map<String, Double>>> perSplit = new ArrayList<>(List.of(first.results()));
        for (SplitEvaluation split : later) {
            seeds.add(split.seed());
            perSplit.add(relabel(split.results(), split.measure(), first.measure()));
        }

        progress.step("fitting " + first.measure().label() + " neighbours on all baskets");
        CoOccurrence allCounts = SparkCoOccurrence.countPairs(all, minPairCount(settings), settings.maxBasketSize());
        ItemNeighbours model = NeighbourBuilder.build(allCounts, effectiveMeasure(used, allCounts.size(), Progress.SILENT),
                settings.parameters());
        Row latest = all.agg(max(col("at"))).first();
        // Basket files carry no times (0): such data has no end to record.
        Optional<Instant> dataUntil = latest.isNullAt(0) || latest.getLong(0) <= 0
                ? Optional.empty() : Optional.of(Instant.ofEpochMilli(latest.getLong(0)));
        all.unpersist();
        return new Result(model, first.measure(), first.results(), allCounts.baskets(), first.trainCounts().baskets(),
                first.cases(), new RepeatedSplits(seeds, perSplit), dataUntil, first.comparison());
    }

    /**
     * What the evaluation splits by: the shopper's day when the log names shoppers, otherwise the basket. An order
     * and the views and carts of the same shopper that day fall on one side, so a held-out order's own browsing is
     * never trained on (it would name the items to predict).
     */
    static String splitKey(Interaction interaction) {
        return interaction.user() == null ? interaction.basket()
                : "d:" + interaction.user() + ":" + Math.floorDiv(interaction.timestampMillis(), 86_400_000L);
    }

    /** The measure with the highest mean HR@10 over the splits; {@code preferred} wins a tie. */
    static SimilarityMeasure best(List<SplitEvaluation> splits, SimilarityMeasure preferred) {
        List<SimilarityMeasure> candidates = new ArrayList<>(List.of(preferred));
        for (SimilarityMeasure measure : SimilarityMeasure.values()) {
            if (measure != preferred) {
                candidates.add(measure);
            }
        }
        SimilarityMeasure best = preferred;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (SimilarityMeasure candidate : candidates) {
            double mean = meanHitRate(splits, candidate);
            // NaN (not scored) never compares greater.
            if (mean > bestMean) {
                best = candidate;
                bestMean = mean;
            }
        }
        return best;
    }

    /** NaN when a split did not score the measure (EASE above {@code easeMaxItems}). */
    private static double meanHitRate(List<SplitEvaluation> splits, SimilarityMeasure measure) {
        double sum = 0;
        for (SplitEvaluation split : splits) {
            String name = split.measure() == measure ? AISLE : measure.label();
            Map<String, Double> metrics = split.results().get(name);
            if (metrics == null) {
                return Double.NaN;
            }
            sum += metrics.get(Metrics.HIT_RATE_AT_10);
        }
        return sum / splits.size();
    }

    /**
     * One split's results with {@code aisle} naming {@code chosen} instead of {@code used}, which goes back to
     * its own label; {@code aisle} stays first.
     */
    static Map<String, Map<String, Double>> relabel(Map<String, Map<String, Double>> results, SimilarityMeasure used,
                                                    SimilarityMeasure chosen) {
        if (used == chosen || !results.containsKey(chosen.label())) {
            return results;
        }
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        out.put(AISLE, results.get(chosen.label()));
        results.forEach((method, metrics) -> {
            if (method.equals(AISLE)) {
                out.put(used.label(), metrics);
            } else if (!method.equals(chosen.label())) {
                out.put(method, metrics);
            }
        });
        return out;
    }

    private static long minPairCount(Settings settings) {
        boolean easeScored = settings.similarity().needsAllPairs() || settings.chooseSimilarity();
        return easeScored ? 1 : settings.parameters().minSupport();
    }

    /** Counts the training part of the seed's split, then scores every method on its test part. */
    private static SplitEvaluation evaluate(Dataset<Row> all, Settings settings, long seed, Optional<Incumbent> incumbent,
                                            Progress progress) {
        SeededSplit split = new SeededSplit(seed, settings.testShare());
        Dataset<Row> train = all.filter((org.apache.spark.api.java.function.FilterFunction<Row>)
                r -> !split.isTest(r.getAs("splitKey")));
        // Views and carts may teach, but only purchases are held out to be predicted.
        Dataset<Row> test = all.filter((org.apache.spark.api.java.function.FilterFunction<Row>)
                        r -> split.isTest(r.getAs("splitKey")))
                .where(col("purchase"));

        progress.step("counting co-occurrence on the training split");
        long minPairCount = minPairCount(settings);
        CoOccurrence trainCounts = SparkCoOccurrence.countPairs(train, minPairCount, settings.maxBasketSize());
        SimilarityMeasure measure = effectiveMeasure(settings, trainCounts.size(), progress);

        progress.step("evaluating on " + settings.maxEvalBaskets() + " test baskets at most");
        Dataset<Row> testBaskets = test.groupBy("basket").agg(collect_list(col("item")), max(col("at")).as("at"));
        BasketEvaluation evaluation = BasketEvaluation.of(collect(testBaskets, settings.maxEvalBaskets()),
                new HashSet<>(trainCounts.items()), seed);
        Map<String, BiFunction<List<String>, Integer, List<String>>> methods = new LinkedHashMap<>();
        BiFunction<List<String>, Integer, List<String>> aisle = scorer(NeighbourBuilder.build(trainCounts, measure,
                settings.parameters()));
        methods.put(AISLE, aisle);
        for (SimilarityMeasure other : SimilarityMeasure.values()) {
            if (other != measure && (other != SimilarityMeasure.EASE || trainCounts.size() <= settings.easeMaxItems())
                    && (other.needsAllPairs() || minPairCount <= settings.parameters().minSupport())) {
                methods.put(other.label(), scorer(NeighbourBuilder.build(trainCounts, other, settings.parameters())));
            }
        }
        methods.put(POPULARITY, popularity(trainCounts));
        Optional<Comparison> comparison = incumbent.map(approved -> {
            progress.step("comparing with the approved version on test baskets after " + approved.dataUntil());
            BasketEvaluation newer = BasketEvaluation.of(collect(testBaskets.where(col("at").gt(approved.dataUntil().toEpochMilli())),
                    settings.maxEvalBaskets()), new HashSet<>(trainCounts.items()), seed);
            Map<String, BiFunction<List<String>, Integer, List<String>>> both = new LinkedHashMap<>();
            both.put(AISLE, aisle);
            both.put(APPROVED, scorer(approved.model()));
            return new Comparison(newer.caseCount(), newer.caseCount() == 0 ? Map.of() : newer.run(both));
        });
        return new SplitEvaluation(seed, trainCounts, measure, evaluation.caseCount(), evaluation.run(methods), comparison);
    }

    /** The first {@code limit} baskets by id, each with its items sorted. */
    private static List<List<String>> collect(Dataset<Row> baskets, int limit) {
        List<List<String>> out = new ArrayList<>();
        for (Row row : baskets.orderBy("basket").limit(limit).collectAsList()) {
            // collect_list order depends on partitioning; sort so the hidden item depends on the seed only.
            List<String> items = new ArrayList<>(row.<String>getList(1));
            items.sort(null);
            out.add(items);
        }
        return out;
    }

    private static SimilarityMeasure effectiveMeasure(Settings settings, int items, Progress progress) {
        if (settings.similarity() == SimilarityMeasure.EASE && items > settings.easeMaxItems()) {
            progress.note(items + " items exceed --ease-max-items " + settings.easeMaxItems() + "; using neighbourhood EASE"
                    + " (--ease-neighbours " + settings.parameters().easeNeighbours() + ")");
            return SimilarityMeasure.NEIGHBOURHOOD_EASE;
        }
        return settings.similarity();
    }

    private static BiFunction<List<String>, Integer, List<String>> scorer(ItemNeighbours neighbours) {
        AlsoBoughtScorer scorer = new AlsoBoughtScorer(neighbours);
        return (basket, k) -> scorer.recommend(basket, k, ItemFilter.NONE).stream().map(ScoredItem::itemId).toList();
    }

    private static BiFunction<List<String>, Integer, List<String>> popularity(CoOccurrence counts) {
        ItemCatalog catalog = new ItemCatalog(counts.items(), counts.categories(), counts.itemCounts());
        return (basket, k) -> {
            Set<String> visible = Set.copyOf(basket);
            List<String> out = new ArrayList<>(k);
            for (int index : catalog.indicesByPopularity()) {
                if (out.size() == k) {
                    break;
                }
                if (!visible.contains(catalog.itemId(index))) {
                    out.add(catalog.itemId(index));
                }
            }
            return out;
        };
    }
}
