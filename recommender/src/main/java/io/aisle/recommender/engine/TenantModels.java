package io.aisle.recommender.engine;

import io.aisle.recommender.alsobought.AlsoBoughtScorer;
import io.aisle.recommender.alsobought.ItemNeighboursFormat;
import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.format.ModelFormatException;
import io.aisle.recommender.foryou.FactorizationMachineScorer;
import io.aisle.recommender.foryou.ForYouFormat;
import io.aisle.recommender.foryou.ForYouModel;
import io.aisle.recommender.ranking.ReRanker;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.recommender.registry.ModelRegistryException;
import io.aisle.recommender.registry.VerifiedVersion;
import io.aisle.recommender.scoring.CandidateMask;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.recommender.scoring.PopularityFallback;
import io.aisle.recommender.scoring.ScoredItem;
import io.aisle.recommender.scoring.TopK;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One tenant's loaded models and the two questions serving asks:
 * {@link #alsoBought(Collection, int, ItemFilter)} for an item or a basket, and
 * {@link #forYou(String, Collection, int, ItemFilter)} for a user. Every answer names the model version, and
 * neither ever returns an empty list while the tenant's catalogue has an item the filter allows.
 *
 * <p>Immutable and thread-safe: load once, share between request threads, replace as a whole.
 */
public final class TenantModels {

    public static final String ALSO_BOUGHT = "also-bought";
    public static final String FOR_YOU = "for-you";
    public static final String RANKER = "ranker";
    /** Most history items that describe a user; beyond this the oldest are left out. */
    public static final int MAX_HISTORY = 200;
    /** Cached FM candidates beyond those a request needs, so excluded items rarely force a new scan. */
    static final int CACHE_MARGIN = 50;
    /** Users whose FM candidates are cached per loaded model. */
    static final int CACHED_USERS = 50_000;

    private final String tenant;
    private final Optional<LoadedModel<AlsoBoughtScorer>> alsoBought;
    private final Optional<LoadedModel<FactorizationMachineScorer>> forYou;
    private final Optional<LoadedModel<ReRanker>> ranker;
    private final CandidateCache candidateCache = new CandidateCache(CACHED_USERS);

    public TenantModels(String tenant, Optional<LoadedModel<AlsoBoughtScorer>> alsoBought,
                        Optional<LoadedModel<FactorizationMachineScorer>> forYou, Optional<LoadedModel<ReRanker>> ranker) {
        this.tenant = tenant;
        this.alsoBought = alsoBought;
        this.forYou = forYou;
        this.ranker = ranker;
    }

    /**
     * Loads the approved version of each of the tenant's models ({@code also-bought}, {@code for-you},
     * {@code ranker}); a model without an approved version is simply absent.
     *
     * @throws ModelRegistryException when an approved version is corrupt, partial or unreadable (the
     *     message names the file)
     */
    public static TenantModels loadApproved(ModelRegistry registry, String tenant) {
        return new TenantModels(tenant, registry.loadApproved(tenant, ALSO_BOUGHT).map(TenantModels::alsoBought),
                registry.loadApproved(tenant, FOR_YOU).map(TenantModels::forYou),
                registry.loadApproved(tenant, RANKER).map(TenantModels::ranker));
    }

    /**
     * Loads one given for-you version (an A/B arm, say) with the tenant's approved also-bought and
     * ranker versions beside it.
     *
     * @throws ModelRegistryException as {@link #loadApproved}
     */
    public static TenantModels loadWithForYou(ModelRegistry registry, VerifiedVersion forYouVersion) {
        String tenant = forYouVersion.manifest().tenant();
        return new TenantModels(tenant, registry.loadApproved(tenant, ALSO_BOUGHT).map(TenantModels::alsoBought),
                Optional.of(forYou(forYouVersion)), registry.loadApproved(tenant, RANKER).map(TenantModels::ranker));
    }

    private static LoadedModel<AlsoBoughtScorer> alsoBought(VerifiedVersion version) {
        return new LoadedModel<>(new AlsoBoughtScorer(read(version,
                () -> ItemNeighboursFormat.read(version.file(ItemNeighboursFormat.FILE_NAME)))), version.manifest());
    }

    private static LoadedModel<FactorizationMachineScorer> forYou(VerifiedVersion version) {
        return new LoadedModel<>(new FactorizationMachineScorer(read(version, () -> ForYouFormat.read(version.folder()))),
                version.manifest());
    }

    private static LoadedModel<ReRanker> ranker(VerifiedVersion version) {
        return new LoadedModel<>(read(version, () -> ReRanker.load(version.folder())), version.manifest());
    }

    private static <T> T read(VerifiedVersion version, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ModelFormatException e) {
            throw new ModelRegistryException("version " + version.manifest().version() + " of " + version.manifest().tenant()
                    + "/" + version.manifest().model() + " is refused: " + e.getMessage(), e);
        }
    }

    public String tenant() {
        return tenant;
    }

    public Optional<LoadedModel<AlsoBoughtScorer>> alsoBoughtModel() {
        return alsoBought;
    }

    public Optional<LoadedModel<FactorizationMachineScorer>> forYouModel() {
        return forYou;
    }

    public Optional<LoadedModel<ReRanker>> rankerModel() {
        return ranker;
    }

    /**
     * Items bought together with a basket (one item is a basket of one).
     *
     * @param k items wanted, {@code >= 1}
     */
    public Recommendation alsoBought(Collection<String> basket, int k, ItemFilter filter) {
        if (alsoBought.isPresent()) {
            LoadedModel<AlsoBoughtScorer> loaded = alsoBought.get();
            List<ScoredItem> items = loaded.model().recommend(basket, k, filter);
            return new Recommendation(ALSO_BOUGHT, loaded.version(), items, false);
        }
        return popularityOnly(k, filter.withExcludedItems(union(filter.excludedItems(), basket)), List.of());
    }

    /**
     * Items for a user, with only the history the model was trained with; see
     * {@link #forYou(String, Collection, int, ItemFilter)}.
     */
    public Recommendation forYou(String user, int k, ItemFilter filter) {
        return forYou(user, List.of(), k, filter);
    }

    /**
     * Items for a user: FM scores over the whole catalogue, top-K with a bounded heap, re-ranked by the
     * ranker when one is loaded; items the user bought in training and the filter's items are excluded.
     * Items bought since training ({@code recentPurchases}, newest first) join the user's history, which
     * feeds the FM's history features (when the model has them) and the ranker's features. A user the
     * model never saw is described by that history alone; with no history either (cold start), or with
     * a model without history features, an unknown user gets the most popular items of the filter's
     * category, then overall.
     *
     * @param k items wanted, {@code >= 1}
     */
    public Recommendation forYou(String user, Collection<String> recentPurchases, int k, ItemFilter filter) {
        if (forYou.isEmpty()) {
            return popularityOnly(k, filter, List.of());
        }
        LoadedModel<FactorizationMachineScorer> loaded = forYou.get();
        FactorizationMachineScorer scorer = loaded.model();
        ForYouModel model = scorer.model();
        ItemCatalog catalog = model.catalog();
        int u = model.findUser(user).orElse(-1);
        int[] history = history(model, u, recentPurchases);
        if (!describable(model, u, history)) {
            CandidateMask mask = new CandidateMask(catalog, filter);
            List<ScoredItem> items = PopularityFallback.fill(catalog, List.of(), k, mask, filter.category().stream().toList());
            return new Recommendation(FOR_YOU, loaded.version(), items, true);
        }
        FactorizationMachineScorer.UserPart userPart = scorer.userPart(new ForYouModel.UserContext(u, history));
        CandidateMask mask = new CandidateMask(catalog, filter, history);
        int candidates = ranker.map(r -> Math.max(k, r.model().candidateCount())).orElse(k);
        int[] indices = bestByFm(scorer, user, history, userPart, mask, candidates);
        int n = indices.length;
        List<ScoredItem> items = new ArrayList<>(k);
        String version = loaded.version();
        if (ranker.isPresent() && n > 0) {
            ReRanker reRanker = ranker.get().model();
            // The ranker was trained on raw FM scores (without the ranking prior); give it the same.
            double[] raw = new double[n];
            for (int c = 0; c < n; c++) {
                raw[c] = scorer.scoreRaw(userPart, indices[c]);
            }
            double[] reScored = reRanker.score(model, alsoBought.map(a -> a.model().neighbours()), history, indices, raw);
            TopK best = new TopK(k);
            for (int c = 0; c < n; c++) {
                best.offer(c, reScored[c]);
            }
            int m = best.size();
            int[] order = new int[m];
            double[] values = new double[m];
            best.drainInto(order, values);
            for (int r = 0; r < m; r++) {
                items.add(new ScoredItem(catalog.itemId(indices[order[r]]), values[r]));
            }
            version = version + "+" + RANKER + ":" + ranker.get().version();
        } else {
            for (int r = 0; r < Math.min(k, n); r++) {
                items.add(new ScoredItem(catalog.itemId(indices[r]), scorer.rankingScore(userPart, indices[r])));
            }
        }
        boolean fallback = items.size() < k;
        if (fallback) {
            items = PopularityFallback.fill(catalog, items, k, mask, favouriteCategories(model, history));
        }
        return new Recommendation(FOR_YOU, version, items, fallback);
    }

    /**
     * Whether {@link #forYou(String, Collection, int, ItemFilter)} would score the whole catalogue with the FM:
     * on a user's first request for their current history, and whenever the filter names a category (the
     * cached candidates may hold too few of it). Otherwise it answers from the user's cached candidates or from
     * a fallback, in a small fraction of that time.
     */
    public boolean forYouScansCatalogue(String user, Collection<String> recentPurchases, ItemFilter filter) {
        if (forYou.isEmpty()) {
            return false;
        }
        ForYouModel model = forYou.get().model().model();
        int u = model.findUser(user).orElse(-1);
        int[] history = history(model, u, recentPurchases);
        if (!describable(model, u, history)) {
            return false;
        }
        return filter.category().isPresent() || candidateCache.find(user, history) == null;
    }

    /** Whether the FM can score for this user: one it was trained on, or one it can describe by their purchases. */
    private static boolean describable(ForYouModel model, int u, int[] history) {
        return u >= 0 || (history.length > 0 && model.historyFeatures());
    }

    /** The user's trained history ({@code u < 0}: none) with the purchases since. */
    private static int[] history(ForYouModel model, int u, Collection<String> recentPurchases) {
        return withRecent(model.catalog(), u < 0 ? new int[0] : model.history(u), recentPurchases);
    }

    /**
     * The FM's best {@code wanted} items the mask allows, best first. The unfiltered list (only the
     * history left out) is cached per user and history with {@link #CACHE_MARGIN} items to spare, so a
     * repeated request, with or without a few excluded items, skips the scan of the whole catalogue; a
     * filter that leaves too few of the cached items (a category, say) scans with the filter.
     */
    private int[] bestByFm(FactorizationMachineScorer scorer, String user, int[] history,
                           FactorizationMachineScorer.UserPart userPart, CandidateMask mask, int wanted) {
        int capacity = wanted + CACHE_MARGIN;
        int[] cached = candidateCache.find(user, history);
        if (cached == null || cached.length < Math.min(capacity, scorer.catalog().size() - history.length)) {
            TopK top = new TopK(capacity);
            scorer.topK(userPart, new CandidateMask(scorer.catalog(), ItemFilter.NONE, history), top);
            cached = top.drainIndices();
            candidateCache.put(user, history, cached);
        }
        int[] allowed = new int[Math.min(wanted, cached.length)];
        int n = 0;
        for (int c = 0; c < cached.length && n < allowed.length; c++) {
            if (mask.allows(cached[c])) {
                allowed[n++] = cached[c];
            }
        }
        // A list shorter than its capacity holds every item the history leaves, so it is complete.
        if (n == wanted || cached.length < capacity) {
            return Arrays.copyOf(allowed, n);
        }
        TopK top = new TopK(wanted);
        scorer.topK(userPart, mask, top);
        return top.drainIndices();
    }

    /** The trained history plus the known items bought since, without repeats, at most {@link #MAX_HISTORY} (recent first). */
    private static int[] withRecent(ItemCatalog catalog, int[] trained, Collection<String> recentPurchases) {
        if (recentPurchases.isEmpty()) {
            return trained;
        }
        java.util.LinkedHashSet<Integer> history = new java.util.LinkedHashSet<>();
        for (String id : recentPurchases) {
            catalog.findIndex(id).ifPresent(history::add);
        }
        for (int item : trained) {
            history.add(item);
        }
        return history.stream().limit(MAX_HISTORY).mapToInt(Integer::intValue).toArray();
    }

    private Recommendation popularityOnly(int k, ItemFilter filter, List<String> categories) {
        ItemCatalog catalog = alsoBought.map(a -> a.model().neighbours().catalog())
                .orElseGet(() -> forYou.map(f -> f.model().catalog()).orElse(null));
        if (catalog == null) {
            return new Recommendation("popularity", "none", List.of(), true);
        }
        List<String> preferred = new ArrayList<>(filter.category().stream().toList());
        preferred.addAll(categories);
        return new Recommendation("popularity", "none",
                PopularityFallback.fill(catalog, List.of(), k, new CandidateMask(catalog, filter), preferred), true);
    }

    /** The user's categories, most bought first. */
    private static List<String> favouriteCategories(ForYouModel model, int[] history) {
        Map<String, Integer> counts = new HashMap<>();
        for (int item : history) {
            String category = model.catalog().categoryOrNull(item);
            if (category != null) {
                counts.merge(category, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    private static java.util.Set<String> union(java.util.Set<String> a, Collection<String> b) {
        java.util.Set<String> union = new java.util.HashSet<>(a);
        union.addAll(b);
        return union;
    }
}
