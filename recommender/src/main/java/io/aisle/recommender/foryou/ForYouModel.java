package io.aisle.recommender.foryou;

import io.aisle.recommender.catalog.ItemCatalog;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A trained for-you model: the factorization machine, the users and items it knows, item categories and
 * recency, and each user's purchase history (to exclude what was bought and to describe the user).
 *
 * <p>Feature layout of the FM, one-hot except recency and history: users {@code [0, U)}, items
 * {@code [U, U+I)}, categories {@code [U+I, U+I+C)}, then one numeric feature, the item's recency in
 * [0, 1] (1 for items last bought at the end of the training period, 0 for the oldest). A model with
 * history features then has one feature per item, {@code [U+I+C+1, U+I+C+1+I)}: "the user bought this
 * item", each of the user's n history items with the value 1/n. The user is then described by what they
 * bought as well as by their own vector (as in SVD++ and FISM), so a purchase made after training, or a
 * user the model never saw, still moves the scores.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class ForYouModel {

    private final FactorizationMachine machine;
    private final List<String> users;
    private final Map<String, Integer> userIndex;
    private final ItemCatalog catalog;
    private final List<String> categories;
    private final int[] itemCategoryIndex;
    private final double[] itemRecency;
    private final int[][] histories;
    private final double samplingExponent;
    private final boolean historyFeatures;
    private final double userFeatureWeight;

    /** A user as the FM sees them: the user's index, or -1 for a user the model does not know, and the
     * distinct item indices they bought (used as features when the model has history features).
     */
    public record UserContext(int user, int[] history) {

        public UserContext {
            Objects.requireNonNull(history, "history");
        }

        public boolean known() {
            return user >= 0;
        }
    }

    /**
     * @param itemCategoryIndex per item, index into {@code categories}, or -1 when unknown
     * @param histories per user, item indices bought in training, ascending
     * @param samplingExponent training drew negatives with probability proportional to count^exponent
     *     (0 for uniform); ranking adds {@code exponent * ln(count)} back, see {@link #rankingPrior(int)}
     */
    public ForYouModel(FactorizationMachine machine, List<String> users, ItemCatalog catalog, List<String> categories,
                       int[] itemCategoryIndex, double[] itemRecency, int[][] histories, double samplingExponent) {
        this(machine, users, catalog, categories, itemCategoryIndex, itemRecency, histories, samplingExponent, false, 1);
    }

    /**
     * @param historyFeatures whether the machine has the per-item history features after recency
     * @param userFeatureWeight the value of a known user's own feature (1 as one-hot; 0 leaves it out, so
     *     a user is described by their history alone; values between scale down how much their own
     *     vector may say, which MLlib's single L2 penalty cannot do per feature group)
     */
    public ForYouModel(FactorizationMachine machine, List<String> users, ItemCatalog catalog, List<String> categories,
                       int[] itemCategoryIndex, double[] itemRecency, int[][] histories, double samplingExponent,
                       boolean historyFeatures, double userFeatureWeight) {
        this.machine = Objects.requireNonNull(machine, "machine");
        this.users = List.copyOf(users);
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.categories = List.copyOf(categories);
        this.historyFeatures = historyFeatures;
        if (!(userFeatureWeight >= 0 && userFeatureWeight <= 1)) {
            throw new IllegalArgumentException("userFeatureWeight must be in [0, 1] but was " + userFeatureWeight);
        }
        if (userFeatureWeight == 0 && !historyFeatures) {
            throw new IllegalArgumentException("a model without history features needs the user feature (userFeatureWeight > 0)");
        }
        this.userFeatureWeight = userFeatureWeight;
        int expected = featureCount(users.size(), catalog.size(), categories.size(), historyFeatures);
        if (machine.featureCount() != expected) {
            throw new IllegalArgumentException("the machine has " + machine.featureCount() + " features but "
                    + users.size() + " users + " + catalog.size() + " items + " + categories.size() + " categories + 1"
                    + (historyFeatures ? " + " + catalog.size() + " history items" : "") + " = " + expected);
        }
        if (itemCategoryIndex.length != catalog.size() || itemRecency.length != catalog.size()) {
            throw new IllegalArgumentException("item categories and recency must cover " + catalog.size() + " items");
        }
        if (histories.length != users.size()) {
            throw new IllegalArgumentException("histories must cover " + users.size() + " users but covered " + histories.length);
        }
        this.itemCategoryIndex = itemCategoryIndex;
        this.itemRecency = itemRecency;
        this.histories = histories;
        if (!(samplingExponent >= 0 && samplingExponent <= 1)) {
            throw new IllegalArgumentException("samplingExponent must be in [0, 1] but was " + samplingExponent);
        }
        this.samplingExponent = samplingExponent;
        this.userIndex = new HashMap<>(users.size() * 2);
        for (int u = 0; u < this.users.size(); u++) {
            if (userIndex.put(this.users.get(u), u) != null) {
                throw new IllegalArgumentException("user id '" + this.users.get(u) + "' appears twice");
            }
        }
    }

    /** Number of FM features of a model with these dimensions; see the class comment for the layout. */
    public static int featureCount(int users, int items, int categories, boolean historyFeatures) {
        return users + items + categories + 1 + (historyFeatures ? items : 0);
    }

    public FactorizationMachine machine() {
        return machine;
    }

    public ItemCatalog catalog() {
        return catalog;
    }

    public List<String> users() {
        return users;
    }

    public List<String> categories() {
        return categories;
    }

    public OptionalInt findUser(String userId) {
        Integer index = userIndex.get(userId);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    public int categoryIndex(int item) {
        return itemCategoryIndex[item];
    }

    public double recency(int item) {
        return itemRecency[item];
    }

    /** Items the user bought in training, ascending indices. Do not modify. */
    public int[] history(int user) {
        return histories[user];
    }

    public double samplingExponent() {
        return samplingExponent;
    }

    public boolean historyFeatures() {
        return historyFeatures;
    }

    public double userFeatureWeight() {
        return userFeatureWeight;
    }

    /** A known user with the history the model was trained with. */
    public UserContext context(int user) {
        return new UserContext(user, histories[user]);
    }

    /**
     * The log-prior added to an item's raw FM score when ranking. Trained against negatives drawn with
     * probability q(i) ~ count^e, the FM's log-odds estimate {@code ln p(i | u) - ln q(i)} plus a constant,
     * so {@code raw + e ln(count)} ranks by {@code p(i | u)} (the "logQ correction" of sampled training,
     * Bengio and Senecal 2008; Yi et al., RecSys 2019). Spark's transform returns the raw score.
     */
    public double rankingPrior(int item) {
        return samplingExponent * Math.log(Math.max(1, catalog.count(item)));
    }

    public int userFeature(int user) {
        return user;
    }

    public int itemFeature(int item) {
        return users.size() + item;
    }

    /** Feature index of the item's category, or -1 when the item has none. */
    public int categoryFeature(int item) {
        return itemCategoryIndex[item] < 0 ? -1 : users.size() + catalog.size() + itemCategoryIndex[item];
    }

    public int recencyFeature() {
        return users.size() + catalog.size() + categories.size();
    }

    /** Feature index of "the user bought {@code item}"; only for models with history features. */
    public int historyFeature(int item) {
        return recencyFeature() + 1 + item;
    }

    /** Sparse FM input of a known user and an item, with the user's training history. */
    public SparseInput input(int user, int item) {
        return input(context(user), item);
    }

    /**
     * Sparse FM input of a user and an item: indices ascending; values 1 except recency and history
     * (1/n for each of n distinct history items) and the user's own feature ({@link #userFeatureWeight}).
     * The history is left out for models without history features, and the user feature for unknown
     * users and when its weight is 0.
     */
    public SparseInput input(UserContext user, int item) {
        int[] history = historyFeatures ? Arrays.stream(user.history()).distinct().sorted().toArray() : new int[0];
        int category = categoryFeature(item);
        boolean userFeature = user.known() && userFeatureWeight > 0;
        int size = (userFeature ? 1 : 0) + 1 + (category < 0 ? 0 : 1) + 1 + history.length;
        int[] indices = new int[size];
        double[] values = new double[size];
        int n = 0;
        if (userFeature) {
            indices[n] = userFeature(user.user());
            values[n++] = userFeatureWeight;
        }
        indices[n] = itemFeature(item);
        values[n++] = 1;
        if (category >= 0) {
            indices[n] = category;
            values[n++] = 1;
        }
        indices[n] = recencyFeature();
        values[n++] = itemRecency[item];
        for (int h : history) {
            indices[n] = historyFeature(h);
            values[n++] = 1.0 / history.length;
        }
        return new SparseInput(indices, values);
    }

    /** A sparse feature vector. */
    public record SparseInput(int[] indices, double[] values) {
    }
}
