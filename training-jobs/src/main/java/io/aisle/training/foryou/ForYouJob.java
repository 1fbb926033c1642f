package io.aisle.training.foryou;

import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.foryou.FactorizationMachine;
import io.aisle.recommender.foryou.ForYouModel;
import io.aisle.training.evaluation.SeededSplit;
import io.aisle.training.ingest.Interaction;
import io.aisle.training.report.Progress;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.FMClassificationModel;
import org.apache.spark.ml.classification.FMClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Trains the for-you factorization machine on implicit feedback. Every distinct (user, item) pair is a
 * positive, of its strongest signal: a view or cart trains as a positive with the probability of its weight;
 * a seeded per-pair 80/20 split holds out test pairs, of which only purchases are scored. For each training positive the job draws
 * {@code negatives} items the user did not buy, with probability proportional to popularity^0.75 (as
 * word2vec samples negatives), so the model learns taste beyond popularity. Features: user, item, item
 * category, item recency and, unless turned off, the user's other purchases (history features), as laid
 * out in {@link ForYouModel}.
 */
public final class ForYouJob {

    /**
     * @param factorSize FM factor dimension k
     * @param negatives sampled negatives per positive
     * @param miniBatchFraction share of rows per iteration: MLlib's FM takes one optimiser step per
     *     iteration, so full batches (1.0) need far more iterations than small ones to learn tastes
     * @param historySample history features: each training row describes the user by at most this many
     *     of their other training items, drawn at random (a row's cost grows with it); 0 trains without
     *     history features
     * @param userFeatureWeight value of the user's own one-hot feature in [0, 1]; 0 leaves it out, so
     *     users are described by their history alone (see {@link ForYouModel})
     */
    public record Settings(int factorSize, int maxIterations, double stepSize, double regParam, int negatives,
                           long evalSeed, double testShare, long trainingSeed, double miniBatchFraction,
                           int historySample, double userFeatureWeight) implements Serializable {

        public Settings {
            if (historySample < 0) {
                throw new IllegalArgumentException("historySample must be >= 0 but was " + historySample);
            }
            if (!(userFeatureWeight >= 0 && userFeatureWeight <= 1)) {
                throw new IllegalArgumentException("userFeatureWeight must be in [0, 1] but was " + userFeatureWeight);
            }
            if (userFeatureWeight == 0 && historySample == 0) {
                throw new IllegalArgumentException("without history features the user feature is needed (userFeatureWeight > 0)");
            }
        }
    }

    /**
     * The split and the indexed data the evaluation and the ranker need.
     *
     * @param trainHistories per user index, items bought in training (ascending)
     * @param testItems per user index, held-out items the model knows and the user did not buy in training
     */
    public record Result(ForYouModel model, int[][] trainHistories, int[][] testItems, long trainPairs, long testPairs,
                         long trainingRows) {
    }

    /** Negatives are drawn with probability proportional to count^0.75, as word2vec does. */
    public static final double NEGATIVE_SAMPLING_EXPONENT = 0.75;

    private static final StructType LABELED = new StructType()
            .add("label", DataTypes.DoubleType, false)
            .add("features", SQLDataTypes.VectorType(), false);

    private ForYouJob() {
    }

    public static Result run(SparkSession spark, JavaRDD<Interaction> interactions, Settings settings, Progress progress) {
        SeededSplit split = new SeededSplit(settings.evalSeed(), settings.testShare());
        progress.step("indexing users, items and categories; splitting 80/20 per user");
        // One row per distinct (user, item): its last time and a category.
        JavaPairRDD<String, Interaction> pairs = interactions
                .filter(i -> i.user() != null)
                .mapToPair(i -> new Tuple2<>(i.user() + '\u0001' + i.item(), i))
                .reduceByKey(ForYouJob::strongest)
                .persist(StorageLevel.MEMORY_AND_DISK());
        JavaRDD<Interaction> train = pairs.filter(p -> !split.isTest(p._1())).values().persist(StorageLevel.MEMORY_AND_DISK());
        // Views and carts may teach, but only purchases are held out to be predicted.
        List<Interaction> test = pairs.filter(p -> split.isTest(p._1()) && p._2().isPurchase()).values().collect();
        Index index = Index.of(train, settings.historySample() > 0, settings.userFeatureWeight());

        progress.step("sampling " + settings.negatives() + " popularity-aware negatives per positive");
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Index> shared = context.broadcast(index);
        JavaRDD<Row> rows = train.mapToPair(i -> new Tuple2<>(shared.value().userIndex.get(i.user()),
                        new Tuple2<>(shared.value().itemIndex.get(i.item()), i.signalWeight())))
                .groupByKey()
                .flatMap(user -> examples(shared.value(), user._1(), user._2(), settings));
        Dataset<Row> labeled = spark.createDataFrame(rows, LABELED).persist(StorageLevel.MEMORY_AND_DISK());
        long trainingRows = labeled.count();

        progress.step("training FMClassifier (k=" + settings.factorSize() + ", " + settings.maxIterations()
                + " iterations) on " + trainingRows + " rows");
        FMClassificationModel fitted = trainer(settings).fit(labeled);
        FactorizationMachine machine = FactorizationMachineExport.from(fitted);
        labeled.unpersist();
        ForYouModel model = index.model(machine);

        int[][] testItems = new int[index.users.size()][];
        Map<Integer, TreeSet<Integer>> held = new HashMap<>();
        long testPairs = 0;
        for (Interaction interaction : test) {
            Integer user = index.userIndex.get(interaction.user());
            Integer item = index.itemIndex.get(interaction.item());
            if (user != null && item != null) {
                held.computeIfAbsent(user, u -> new TreeSet<>()).add(item);
                testPairs++;
            }
        }
        for (int u = 0; u < testItems.length; u++) {
            TreeSet<Integer> items = held.get(u);
            testItems[u] = items == null ? new int[0] : items.stream().mapToInt(Integer::intValue).toArray();
        }
        long trainPairs = Arrays.stream(index.histories).mapToLong(h -> h.length).sum();
        pairs.unpersist();
        train.unpersist();
        return new Result(model, index.histories, testItems, trainPairs, testPairs, trainingRows);
    }

    /** The MLlib estimator with the job's settings. */
    public static FMClassifier trainer(Settings settings) {
        FMClassifier classifier = new FMClassifier();
        classifier.setFactorSize(settings.factorSize());
        classifier.setMaxIter(settings.maxIterations());
        classifier.setStepSize(settings.stepSize());
        classifier.setRegParam(settings.regParam());
        classifier.setMiniBatchFraction(settings.miniBatchFraction());
        classifier.setInitStd(0.01);
        classifier.setSolver("adamW");
        classifier.setSeed(settings.trainingSeed());
        return classifier;
    }

    /**
     * One (user, item) pair's events as one: the latest time, and the strongest signal with its weight, so an item
     * viewed and then bought is a purchase.
     */
    static Interaction strongest(Interaction a, Interaction b) {
        Interaction latest = a.timestampMillis() >= b.timestampMillis() ? a : b;
        Interaction strongest = a.signal().compareTo(b.signal()) != 0 ? (a.signal().compareTo(b.signal()) > 0 ? a : b)
                : a.signalWeight() >= b.signalWeight() ? a : b;
        return new Interaction(latest.user(), latest.item(), latest.basket(), latest.timestampMillis(),
                latest.category() != null ? latest.category() : a.category() != null ? a.category() : b.category(),
                latest.rating(), strongest.signal(), Math.max(a.signalWeight(), b.signalWeight()));
    }

    private static Iterator<Row> examples(Index index, int user, Iterable<Tuple2<Integer, Double>> items, Settings settings) {
        TreeMap<Integer, Double> weights = new TreeMap<>();
        items.forEach(item -> weights.merge(item._1(), item._2(), Math::max));
        TreeSet<Integer> bought = new TreeSet<>(weights.keySet());
        int[] all = bought.stream().mapToInt(Integer::intValue).toArray();
        SplittableRandom random = new SplittableRandom(settings.trainingSeed() * 1_000_003L + user);
        List<Row> rows = new ArrayList<>(bought.size() * (1 + settings.negatives()));
        for (int item : bought) {
            double weight = weights.get(item);
            // MLlib's FM ignores row weights, so a weak signal is a positive with the probability of its weight: in
            // expectation the loss weighs it so. Purchases (weight 1) draw nothing, so a log of purchases alone trains
            // as it did before signals had weights.
            if (weight < 1 && random.nextDouble() >= weight) {
                continue;
            }
            // The positive and its negatives share one history, which never holds the positive itself:
            // the model must predict the item from the rest, as it will for items not yet bought.
            int[] history = index.historyFeatures ? sampleOthers(all, item, settings.historySample(), random) : new int[0];
            rows.add(RowFactory.create(1.0, index.features(user, item, history)));
            for (int n = 0; n < settings.negatives(); n++) {
                int negative = index.sampleNegative(random, bought);
                if (negative >= 0) {
                    rows.add(RowFactory.create(0.0, index.features(user, negative, history)));
                }
            }
        }
        return rows.iterator();
    }

    /** Up to {@code limit} items of {@code all} (ascending) other than {@code left}, drawn at random, ascending. */
    static int[] sampleOthers(int[] all, int left, int limit, SplittableRandom random) {
        int[] others = Arrays.stream(all).filter(i -> i != left).toArray();
        if (others.length > limit) {
            // A partial Fisher-Yates shuffle picks the first `limit` uniformly.
            for (int i = 0; i < limit; i++) {
                int j = i + random.nextInt(others.length - i);
                int swap = others[i];
                others[i] = others[j];
                others[j] = swap;
            }
            others = Arrays.copyOf(others, limit);
            Arrays.sort(others);
        }
        return others;
    }

    /** Dense indices of the training data, shipped to executors for negative sampling. */
    static final class Index implements Serializable {
        final List<String> users;
        final Map<String, Integer> userIndex = new HashMap<>();
        final List<String> items;
        final Map<String, Integer> itemIndex = new HashMap<>();
        final List<String> itemCategories;
        final List<String> categories;
        final int[] itemCategory;
        final long[] counts;
        final double[] recency;
        final double[] negativeCumulative;
        final int[][] histories;
        final boolean historyFeatures;
        final double userFeatureWeight;

        private Index(List<String> users, List<String> items, List<String> itemCategories, long[] counts,
                      double[] recency, int[][] histories, boolean historyFeatures, double userFeatureWeight) {
            this.historyFeatures = historyFeatures;
            this.userFeatureWeight = userFeatureWeight;
            this.users = users;
            this.items = items;
            this.itemCategories = itemCategories;
            this.counts = counts;
            this.recency = recency;
            this.histories = histories;
            for (int u = 0; u < users.size(); u++) {
                userIndex.put(users.get(u), u);
            }
            for (int i = 0; i < items.size(); i++) {
                itemIndex.put(items.get(i), i);
            }
            this.categories = new ArrayList<>(new TreeSet<>(itemCategories.stream().filter(c -> c != null).toList()));
            Map<String, Integer> categoryIndex = new HashMap<>();
            for (int c = 0; c < categories.size(); c++) {
                categoryIndex.put(categories.get(c), c);
            }
            this.itemCategory = new int[items.size()];
            for (int i = 0; i < items.size(); i++) {
                String category = itemCategories.get(i);
                itemCategory[i] = category == null ? -1 : categoryIndex.get(category);
            }
            this.negativeCumulative = new double[items.size()];
            double total = 0;
            for (int i = 0; i < items.size(); i++) {
                total += Math.pow(counts[i], NEGATIVE_SAMPLING_EXPONENT);
                negativeCumulative[i] = total;
            }
        }

        static Index of(JavaRDD<Interaction> train, boolean historyFeatures, double userFeatureWeight) {
            // user -> items, item -> (count, category, last time), all small enough for the driver.
            Map<String, TreeSet<String>> byUser = new TreeMap<>();
            Map<String, long[]> itemStats = new TreeMap<>();
            Map<String, String> itemCategory = new HashMap<>();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Interaction interaction : train.collect()) {
                byUser.computeIfAbsent(interaction.user(), u -> new TreeSet<>()).add(interaction.item());
                long[] stats = itemStats.computeIfAbsent(interaction.item(), i -> new long[] {0, Long.MIN_VALUE});
                stats[0]++;
                stats[1] = Math.max(stats[1], interaction.timestampMillis());
                if (interaction.category() != null) {
                    itemCategory.putIfAbsent(interaction.item(), interaction.category());
                }
                first = Math.min(first, interaction.timestampMillis());
                last = Math.max(last, interaction.timestampMillis());
            }
            List<String> items = new ArrayList<>(itemStats.keySet());
            long[] counts = new long[items.size()];
            double[] recency = new double[items.size()];
            List<String> categories = new ArrayList<>(items.size());
            double span = Math.max(1, last - first);
            for (int i = 0; i < items.size(); i++) {
                long[] stats = itemStats.get(items.get(i));
                counts[i] = stats[0];
                recency[i] = (stats[1] - first) / span;
                categories.add(itemCategory.get(items.get(i)));
            }
            Map<String, Integer> itemIndex = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                itemIndex.put(items.get(i), i);
            }
            List<String> users = new ArrayList<>(byUser.keySet());
            int[][] histories = new int[users.size()][];
            for (int u = 0; u < users.size(); u++) {
                histories[u] = byUser.get(users.get(u)).stream().mapToInt(itemIndex::get).sorted().toArray();
            }
            return new Index(users, items, categories, counts, recency, histories, historyFeatures, userFeatureWeight);
        }

        /**
         * The FM input of a user, an item and a history (distinct item indices, ascending), in the layout
         * of {@link ForYouModel}; the history is ignored without history features.
         */
        org.apache.spark.ml.linalg.Vector features(int user, int item, int[] history) {
            int featureCount = ForYouModel.featureCount(users.size(), items.size(), categories.size(), historyFeatures);
            int recencyFeature = users.size() + items.size() + categories.size();
            int historyCount = historyFeatures ? history.length : 0;
            boolean userFeature = userFeatureWeight > 0;
            int size = (userFeature ? 1 : 0) + (itemCategory[item] < 0 ? 2 : 3) + historyCount;
            int[] indices = new int[size];
            double[] values = new double[size];
            int n = 0;
            if (userFeature) {
                indices[n] = user;
                values[n++] = userFeatureWeight;
            }
            indices[n] = users.size() + item;
            values[n++] = 1;
            if (itemCategory[item] >= 0) {
                indices[n] = users.size() + items.size() + itemCategory[item];
                values[n++] = 1;
            }
            indices[n] = recencyFeature;
            values[n++] = recency[item];
            for (int h = 0; h < historyCount; h++) {
                indices[n] = recencyFeature + 1 + history[h];
                values[n++] = 1.0 / historyCount;
            }
            return Vectors.sparse(featureCount, indices, values);
        }

        /** An item the user did not buy, drawn by popularity^0.75; -1 after 20 misses (a user who bought nearly all). */
        int sampleNegative(SplittableRandom random, TreeSet<Integer> bought) {
            double total = negativeCumulative[negativeCumulative.length - 1];
            for (int attempt = 0; attempt < 20; attempt++) {
                int position = Arrays.binarySearch(negativeCumulative, random.nextDouble() * total);
                int item = Math.min(negativeCumulative.length - 1, position >= 0 ? position + 1 : -position - 1);
                if (!bought.contains(item)) {
                    return item;
                }
            }
            return -1;
        }

        ForYouModel model(FactorizationMachine machine) {
            return new ForYouModel(machine, users, new ItemCatalog(items, itemCategories, counts), categories,
                    itemCategory, recency, histories, NEGATIVE_SAMPLING_EXPONENT, historyFeatures,
                    userFeatureWeight);
        }
    }
}
