package io.aisle.simulations.loadtest;

import io.aisle.recommender.alsobought.ItemNeighbours;
import io.aisle.recommender.alsobought.ItemNeighboursFormat;
import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.engine.TenantModels;
import io.aisle.recommender.foryou.FactorizationMachine;
import io.aisle.recommender.foryou.ForYouFormat;
import io.aisle.recommender.foryou.ForYouModel;
import io.aisle.recommender.ranking.RankingFeatures;
import io.aisle.recommender.ranking.ReRanker;
import io.aisle.recommender.registry.Manifest;
import io.aisle.recommender.registry.ModelDraft;
import io.aisle.recommender.registry.ModelRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Writes a synthetic tenant's models into a registry, in the real formats, and approves them:
 * also-bought neighbour lists, a for-you factorization machine and, when XGBoost's natives load, an
 * XGBoost re-ranker trained on synthetic features. The weights are seeded random numbers, not the
 * output of a training job: they cost what real models cost to score, not what they are worth.
 *
 * <p>The same settings and seed give the same files.
 */
public final class SyntheticModels {

    private static final String TYPE = "synthetic-load-test";

    private SyntheticModels() {
    }

    /**
     * Shape of the synthetic catalogue and models.
     *
     * @param items catalogue size, {@code >= 2}
     * @param neighbours also-bought neighbours per item, in {@code [1, items)}
     * @param factors FM factor size, {@code >= 1}
     * @param users users the FM knows, {@code >= 1}
     * @param categories item categories, {@code >= 1}
     * @param rankerCandidates FM candidates the re-ranker re-scores per request; 0: no ranker
     */
    public record Shape(int items, int neighbours, int factors, int users, int categories, int rankerCandidates, long seed) {

        public Shape {
            if (items < 2) {
                throw new IllegalArgumentException("items must be >= 2 but was " + items);
            }
            if (neighbours < 1 || neighbours >= items) {
                throw new IllegalArgumentException("neighbours must be in [1, " + items + ") but was " + neighbours);
            }
            if (factors < 1 || users < 1 || categories < 1 || rankerCandidates < 0) {
                throw new IllegalArgumentException("factors, users and categories must be >= 1 and rankerCandidates >= 0 but were "
                        + factors + ", " + users + ", " + categories + ", " + rankerCandidates);
            }
        }

        /** The benchmark's shape for a catalogue of {@code items}: k=50 neighbours, 32 factors, 5,000 users. */
        public static Shape forCatalogue(int items, long seed) {
            return new Shape(items, Math.min(50, items - 1), 32, 5_000, Math.max(1, Math.min(200, items / 500)), 100, seed);
        }
    }

    /**
     * What was published.
     *
     * @param itemIds catalogue item ids, index order
     * @param userIds users the FM knows
     * @param rankerVersion the approved ranker's version, empty when no ranker could be trained
     * @param rankerNote why there is no ranker, or how it was trained
     */
    public record Published(List<String> itemIds, List<String> userIds, String alsoBoughtVersion, String forYouVersion,
                            Optional<String> rankerVersion, String rankerNote) {

        public Published {
            itemIds = List.copyOf(itemIds);
            userIds = List.copyOf(userIds);
        }
    }

    /** Publishes and approves the ranker (when possible), then also-bought, then for-you, for {@code tenant}. */
    public static Published publish(ModelRegistry registry, String tenant, Shape shape) {
        SplittableRandom random = new SplittableRandom(shape.seed());
        ItemCatalog catalog = catalog(shape, random.split());
        Optional<String> rankerVersion = Optional.empty();
        String rankerNote = "no ranker requested";
        if (shape.rankerCandidates() > 0) {
            try {
                ReRanker ranker = ReRanker.of(trainRanker(random.split()), shape.rankerCandidates());
                Manifest manifest = registry.publish(tenant, TenantModels.RANKER, draft(shape, "xgboost-rank-pairwise"), ranker::write);
                registry.approve(tenant, TenantModels.RANKER, manifest.version());
                rankerVersion = Optional.of(manifest.version());
                rankerNote = "XGBoost rank:pairwise, 20 trees of depth 4, trained in process on synthetic features";
            } catch (XGBoostError | UnsatisfiedLinkError | IllegalStateException e) {
                rankerNote = "no ranker: XGBoost could not train here (" + e.getMessage() + ")";
            }
        }
        ItemNeighbours neighbours = neighbours(catalog, shape.neighbours(), random.split());
        Manifest alsoBought = registry.publish(tenant, TenantModels.ALSO_BOUGHT, draft(shape, "item-neighbours"),
                folder -> ItemNeighboursFormat.write(neighbours, folder.resolve(ItemNeighboursFormat.FILE_NAME)));
        registry.approve(tenant, TenantModels.ALSO_BOUGHT, alsoBought.version());
        ForYouModel forYouModel = forYou(catalog, shape, random.split());
        Manifest forYou = registry.publish(tenant, TenantModels.FOR_YOU, draft(shape, "factorization-machine"),
                folder -> ForYouFormat.write(forYouModel, folder));
        registry.approve(tenant, TenantModels.FOR_YOU, forYou.version());
        return new Published(catalog.itemIds(), forYouModel.users(), alsoBought.version(), forYou.version(), rankerVersion, rankerNote);
    }

    /** Item ids {@code item-0000000...}, round-robin categories, long-tailed popularity counts. */
    static ItemCatalog catalog(Shape shape, SplittableRandom random) {
        List<String> ids = new ArrayList<>(shape.items());
        List<String> categories = new ArrayList<>(shape.items());
        long[] counts = new long[shape.items()];
        for (int i = 0; i < shape.items(); i++) {
            ids.add(String.format("item-%07d", i));
            categories.add(category(i % shape.categories()));
            // Pareto-like tail: a few items are bought thousands of times, most a handful.
            counts[i] = 1 + (long) (10.0 / Math.pow(1.0 - random.nextDouble(), 1.2));
        }
        return new ItemCatalog(ids, categories, counts);
    }

    private static String category(int index) {
        return String.format("cat-%03d", index);
    }

    /** For each item, {@code k} distinct other items with strictly decreasing positive scores. */
    static ItemNeighbours neighbours(ItemCatalog catalog, int k, SplittableRandom random) {
        int n = catalog.size();
        int[][] indices = new int[n][];
        double[][] scores = new double[n][];
        int[] picked = new int[k];
        for (int i = 0; i < n; i++) {
            int count = 0;
            while (count < k) {
                int candidate = random.nextInt(n);
                if (candidate != i && !contains(picked, count, candidate)) {
                    picked[count++] = candidate;
                }
            }
            indices[i] = Arrays.copyOf(picked, k);
            double[] row = new double[k];
            double score = 0.05 + 0.2 * random.nextDouble();
            for (int r = 0; r < k; r++) {
                row[r] = score;
                score *= 0.9 + 0.05 * random.nextDouble();
            }
            scores[i] = row;
        }
        return new ItemNeighbours(catalog, "synthetic", indices, scores);
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    /** History features, gaussian factors (sd 0.1), histories of 3-20 distinct items per user, recency uniform in [0, 1]. */
    static ForYouModel forYou(ItemCatalog catalog, Shape shape, SplittableRandom random) {
        int users = shape.users();
        int items = catalog.size();
        List<String> categories = new ArrayList<>(shape.categories());
        for (int c = 0; c < shape.categories(); c++) {
            categories.add(category(c));
        }
        Map<String, Integer> categoryIndex = new HashMap<>();
        for (int c = 0; c < categories.size(); c++) {
            categoryIndex.put(categories.get(c), c);
        }
        int[] itemCategory = new int[items];
        double[] recency = new double[items];
        for (int i = 0; i < items; i++) {
            itemCategory[i] = categoryIndex.get(catalog.categoryOrNull(i));
            recency[i] = random.nextDouble();
        }
        int features = ForYouModel.featureCount(users, items, categories.size(), true);
        double[] linear = new double[features];
        double[] factors = new double[features * shape.factors()];
        for (int f = 0; f < linear.length; f++) {
            linear[f] = 0.1 * gaussian(random);
        }
        for (int f = 0; f < factors.length; f++) {
            factors[f] = 0.1 * gaussian(random);
        }
        FactorizationMachine machine = new FactorizationMachine(features, shape.factors(), -1.0, linear, factors);
        List<String> userIds = new ArrayList<>(users);
        int[][] histories = new int[users][];
        for (int u = 0; u < users; u++) {
            userIds.add(String.format("user-%06d", u));
            histories[u] = random.ints(3 + random.nextInt(18), 0, items).distinct().sorted().toArray();
        }
        // Sampling exponent 0: the synthetic model was not trained on popularity-drawn negatives.
        return new ForYouModel(machine, userIds, catalog, categories, itemCategory, recency, histories, 0.0, true, 1);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        return Math.sqrt(-2.0 * Math.log(1.0 - random.nextDouble())) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }

    /**
     * A small pairwise ranker over {@link RankingFeatures#NAMES}: 40 queries of 50 candidates whose
     * relevance grows with the FM score and co-occurrence, so the trees are real splits, not stumps.
     */
    static Booster trainRanker(SplittableRandom random) throws XGBoostError {
        int groups = 40;
        int perGroup = 50;
        int rows = groups * perGroup;
        float[] features = new float[rows * RankingFeatures.COUNT];
        float[] labels = new float[rows];
        for (int r = 0; r < rows; r++) {
            int at = r * RankingFeatures.COUNT;
            double fm = gaussian(random);
            double cooccurrence = random.nextDouble() < 0.3 ? random.nextDouble() : 0;
            features[at] = (float) fm;
            features[at + 1] = (float) cooccurrence;
            features[at + 2] = (float) (random.nextDouble() * 8);
            features[at + 3] = (float) random.nextDouble();
            features[at + 4] = (float) random.nextDouble();
            double utility = fm + 2 * cooccurrence + 0.3 * features[at + 3] + 0.5 * gaussian(random);
            labels[r] = utility > 1.5 ? 2 : utility > 0.5 ? 1 : 0;
        }
        int[] groupSizes = new int[groups];
        Arrays.fill(groupSizes, perGroup);
        DMatrix train = new DMatrix(features, rows, RankingFeatures.COUNT, Float.NaN);
        try {
            train.setLabel(labels);
            train.setGroup(groupSizes);
            Map<String, Object> params = new HashMap<>();
            params.put("objective", "rank:pairwise");
            params.put("max_depth", 4);
            params.put("eta", 0.3);
            params.put("nthread", 1);
            params.put("seed", 7);
            return XGBoost.train(train, params, 20, Map.of(), null, null);
        } finally {
            train.dispose();
        }
    }

    private static ModelDraft draft(Shape shape, String kind) {
        return new ModelDraft(TYPE, "seed-" + shape.seed(), Map.of("items", (long) shape.items(), "users", (long) shape.users()),
                Map.of("kind", kind, "neighbours", Integer.toString(shape.neighbours()),
                        "factors", Integer.toString(shape.factors()), "synthetic", "true"), Map.of());
    }
}
