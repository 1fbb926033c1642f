package io.aisle.recommender.foryou;

import io.aisle.recommender.catalog.ItemCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A trained for-you model: the factorization machine, the users and items it knows, item categories and
 * recency, and each user's purchase history (to exclude what was bought and to describe the user).
 *
 * <p>Feature layout of the FM, one-hot except recency: users {@code [0, U)}, items {@code [U, U+I)},
 * categories {@code [U+I, U+I+C)}, then one numeric feature, the item's recency in [0, 1] (1 for items
 * last bought at the end of the training period, 0 for the oldest).
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

    /**
     * @param itemCategoryIndex per item, index into {@code categories}, or -1 when unknown
     * @param histories per user, item indices bought in training, ascending
     * @param samplingExponent training drew negatives with probability proportional to count^exponent
     *     (0 for uniform); ranking adds {@code exponent * ln(count)} back, see {@link #rankingPrior(int)}
     */
    public ForYouModel(FactorizationMachine machine, List<String> users, ItemCatalog catalog, List<String> categories,
                       int[] itemCategoryIndex, double[] itemRecency, int[][] histories, double samplingExponent) {
        this.machine = Objects.requireNonNull(machine, "machine");
        this.users = List.copyOf(users);
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.categories = List.copyOf(categories);
        int expected = users.size() + catalog.size() + categories.size() + 1;
        if (machine.featureCount() != expected) {
            throw new IllegalArgumentException("the machine has " + machine.featureCount() + " features but "
                    + users.size() + " users + " + catalog.size() + " items + " + categories.size() + " categories + 1 = " + expected);
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
        return machine.featureCount() - 1;
    }

    /** Sparse FM input of a (user, item) pair: indices ascending, values 1 except recency. */
    public SparseInput input(int user, int item) {
        int category = categoryFeature(item);
        if (category < 0) {
            return new SparseInput(new int[] {userFeature(user), itemFeature(item), recencyFeature()},
                    new double[] {1, 1, itemRecency[item]});
        }
        return new SparseInput(new int[] {userFeature(user), itemFeature(item), category, recencyFeature()},
                new double[] {1, 1, 1, itemRecency[item]});
    }

    /** A sparse feature vector. */
    public record SparseInput(int[] indices, double[] values) {
    }
}
