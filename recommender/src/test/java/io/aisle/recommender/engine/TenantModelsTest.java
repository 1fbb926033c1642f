package io.aisle.recommender.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.recommender.alsobought.ItemNeighbours;
import io.aisle.recommender.alsobought.ItemNeighboursFormat;
import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.foryou.FactorizationMachine;
import io.aisle.recommender.foryou.ForYouFormat;
import io.aisle.recommender.foryou.ForYouModel;
import io.aisle.recommender.format.ModelFormatException;
import io.aisle.recommender.registry.ModelDraft;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.recommender.registry.ModelRegistryException;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.recommender.scoring.ScoredItem;
import io.aisle.recommender.testing.Catalogs;
import io.aisle.recommender.testing.RandomModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantModelsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    // 0 milk (dairy), 1 cheese (dairy), 2 bread (bakery), 3 cake (bakery)
    private static final ItemCatalog CATALOG = Catalogs.of("milk:dairy:90", "cheese:dairy:40", "bread:bakery:80", "cake:bakery:10");
    private static final ModelDraft DRAFT = new ModelDraft("test", "sha256:0", Map.of(), Map.of(), Map.of());

    @TempDir
    Path root;

    /** Two users: ann (index 0) likes bakery, bob (index 1) likes dairy; ann already bought bread. */
    private static ForYouModel forYouModel() {
        List<String> users = List.of("ann", "bob");
        int k = 1;
        int features = 2 + 4 + 2 + 1;
        double[] linear = new double[features];
        // Factors: user ann +1, bob -1; bakery items +1, dairy items -1; categories and recency 0.
        double[] factors = {1, -1, -1, -1, 1, 1, 0, 0, 0};
        FactorizationMachine fm = new FactorizationMachine(features, k, 0, linear, factors);
        return new ForYouModel(fm, users, CATALOG, List.of("bakery", "dairy"), new int[] {1, 1, 0, 0},
                new double[] {0, 0, 0, 0}, new int[][] {{2}, {}}, 0);
    }

    /**
     * The same catalogue with history features only: users have no vector of their own, and each
     * history item pulls towards its category (bakery +1, dairy -1).
     */
    private static ForYouModel historyModel() {
        List<String> users = List.of("ann", "bob");
        int features = ForYouModel.featureCount(2, 4, 2, true);
        // users 0, 0; items milk -1, cheese -1, bread +1, cake +1; categories, recency 0; history items as the items.
        double[] factors = {0, 0, -1, -1, 1, 1, 0, 0, 0, -1, -1, 1, 1};
        FactorizationMachine fm = new FactorizationMachine(features, 1, 0, new double[features], factors);
        return new ForYouModel(fm, users, CATALOG, List.of("bakery", "dairy"), new int[] {1, 1, 0, 0},
                new double[] {0, 0, 0, 0}, new int[][] {{2}, {0}}, 0, true, 1);
    }

    private ModelRegistry registryWithModels() {
        ModelRegistry registry = new ModelRegistry(root, CLOCK);
        ItemNeighbours neighbours = new ItemNeighbours(CATALOG, "test", new int[][] {{1}, {0}, {3}, {2}},
                new double[][] {{0.5}, {0.5}, {0.4}, {0.4}});
        String alsoBought = registry.publish("demo", TenantModels.ALSO_BOUGHT, DRAFT,
                staging -> ItemNeighboursFormat.write(neighbours, staging.resolve(ItemNeighboursFormat.FILE_NAME))).version();
        String forYou = registry.publish("demo", TenantModels.FOR_YOU, DRAFT, staging -> ForYouFormat.write(forYouModel(), staging)).version();
        registry.approve("demo", TenantModels.ALSO_BOUGHT, alsoBought);
        registry.approve("demo", TenantModels.FOR_YOU, forYou);
        return registry;
    }

    /** The tenant's models after publishing and approving this for-you model alone. */
    private TenantModels withApprovedForYou(ForYouModel model) {
        ModelRegistry registry = new ModelRegistry(root, CLOCK);
        String version = registry.publish("demo", TenantModels.FOR_YOU, DRAFT, staging -> ForYouFormat.write(model, staging)).version();
        registry.approve("demo", TenantModels.FOR_YOU, version);
        return TenantModels.loadApproved(registry, "demo");
    }

    private static List<String> ids(Recommendation recommendation) {
        return recommendation.items().stream().map(ScoredItem::itemId).toList();
    }

    @Test
    void answersAlsoBoughtWithTheApprovedVersion() {
        TenantModels models = TenantModels.loadApproved(registryWithModels(), "demo");
        Recommendation answer = models.alsoBought(List.of("milk"), 1, ItemFilter.NONE);
        assertEquals(List.of("cheese"), ids(answer));
        assertEquals("v000001", answer.version());
        assertEquals(TenantModels.ALSO_BOUGHT, answer.model());
    }

    @Test
    void ranksForAUserByTasteAndSkipsWhatTheyBought() {
        TenantModels models = TenantModels.loadApproved(registryWithModels(), "demo");
        Recommendation ann = models.forYou("ann", 1, ItemFilter.NONE);
        assertEquals(List.of("cake"), ids(ann));
        assertFalse(ann.fallback());
        assertEquals(List.of("milk", "cheese"), ids(models.forYou("bob", 2, ItemFilter.NONE)));
    }

    @Test
    void appliesExcludedItemsAndCategoryFilters() {
        TenantModels models = TenantModels.loadApproved(registryWithModels(), "demo");
        assertEquals(List.of("cheese"), ids(models.forYou("bob", 1, ItemFilter.NONE.withExcludedItems(Set.of("milk")))));
        assertEquals(List.of("bread", "cake"), ids(models.forYou("bob", 2, ItemFilter.NONE.withCategory("bakery"))));
    }

    @Test
    void answersAnUnknownUserWithPopularityInTheRequestedCategoryThenOverall() {
        TenantModels models = TenantModels.loadApproved(registryWithModels(), "demo");
        Recommendation stranger = models.forYou("zoe", 3, ItemFilter.NONE.withCategory("dairy"));
        assertEquals(List.of("milk", "cheese"), ids(stranger));
        assertTrue(stranger.fallback());
        assertEquals(List.of("milk", "bread", "cheese"), ids(models.forYou("zoe", 3, ItemFilter.NONE)));
    }

    @Test
    void purchasesSinceTrainingMoveTheScoresOfAModelWithHistoryFeatures() {
        TenantModels models = withApprovedForYou(historyModel());
        // bob bought milk in training: dairy first.
        assertEquals(List.of("cheese", "bread"), ids(models.forYou("bob", 2, ItemFilter.NONE)));
        // Since then he bought bread and cake: his history now leans to bakery, and what is left of dairy drops.
        assertEquals(List.of("cheese"), ids(models.forYou("bob", List.of("bread", "cake"), 1, ItemFilter.NONE)));
        // A shopper the model never saw is described by purchases alone, not answered by popularity.
        Recommendation stranger = models.forYou("zoe", List.of("bread"), 1, ItemFilter.NONE);
        assertEquals(List.of("cake"), ids(stranger));
        assertFalse(stranger.fallback());
        Recommendation dairyStranger = models.forYou("zed", List.of("cheese"), 1, ItemFilter.NONE);
        assertEquals(List.of("milk"), ids(dairyStranger));
    }

    @Test
    void historyFeaturesSurviveTheFileRoundTripAndTheFirstFormatStillLoads() throws IOException {
        Path v2 = Files.createDirectories(root.resolve("v2"));
        ForYouFormat.write(historyModel(), v2);
        ForYouModel read = ForYouFormat.read(v2);
        assertTrue(read.historyFeatures());
        assertEquals(historyModel().machine().featureCount(), read.machine().featureCount());

        Path v1 = Files.createDirectories(root.resolve("v1"));
        ForYouFormat.write(forYouModel(), v1);
        Path description = v1.resolve(ForYouFormat.DESCRIPTION_FILE);
        String json = Files.readString(description);
        assertTrue(json.contains("\"historyFeatures\":false"), json.substring(0, 120));
        Files.writeString(description, json.replace("\"formatVersion\":2", "\"formatVersion\":1").replace("\"historyFeatures\":false,", ""));
        assertFalse(ForYouFormat.read(v1).historyFeatures());

        Files.writeString(description, Files.readString(description).replace("\"formatVersion\":1", "\"formatVersion\":3"));
        ModelFormatException error = assertThrows(ModelFormatException.class, () -> ForYouFormat.read(v1));
        assertTrue(error.getMessage().contains("formatVersion must be between 1 and 2 but was 3"), error.getMessage());
    }

    @Test
    void cachedCandidatesAnswerExactlyAsAFreshScan() {
        // A seeded random model with history features; one instance answers many requests (its candidate
        // cache warms up), a fresh instance per request always scans. Answers must be identical.
        int items = 300;
        ForYouModel model = RandomModels.forYou(items, 4, new int[][] {{1, 5, 9}, {}, {200}, {17, 18}}, 11);
        List<String> users = model.users();
        java.util.Random random = new java.util.Random(11);
        TenantModels warm = withApprovedForYou(model);
        for (int request = 0; request < 400; request++) {
            String user = random.nextBoolean() ? users.get(random.nextInt(users.size())) : "stranger" + random.nextInt(3);
            List<String> recent = random.nextInt(3) == 0 ? List.of() : List.of("i" + random.nextInt(items));
            ItemFilter filter = ItemFilter.NONE;
            if (random.nextInt(4) == 0) {
                filter = filter.withExcludedItems(new java.util.HashSet<>(List.of("i" + random.nextInt(items), "i" + random.nextInt(items))));
            }
            if (random.nextInt(8) == 0) {
                filter = filter.withCategory("c" + random.nextInt(3));
            }
            int k = 1 + random.nextInt(random.nextInt(10) == 0 ? 280 : 20);
            TenantModels cold = new TenantModels("demo", warm.alsoBoughtModel(), warm.forYouModel(), warm.rankerModel());
            assertEquals(ids(cold.forYou(user, recent, k, filter)), ids(warm.forYou(user, recent, k, filter)),
                    "request " + request + ": " + user + " " + recent + " k=" + k + " " + filter);
        }
    }

    @Test
    void tellsWhenAnAnswerScansTheCatalogue() {
        TenantModels models = withApprovedForYou(historyModel());

        assertTrue(models.forYouScansCatalogue("bob", List.of(), ItemFilter.NONE), "a first request");
        models.forYou("bob", List.of(), 2, ItemFilter.NONE);
        assertFalse(models.forYouScansCatalogue("bob", List.of(), ItemFilter.NONE), "a repeat, from the cached candidates");
        assertFalse(models.forYouScansCatalogue("bob", List.of(), ItemFilter.NONE.withExcludedItems(Set.of("cheese"))),
                "a repeat without a few items");
        assertTrue(models.forYouScansCatalogue("bob", List.of(), ItemFilter.NONE.withCategory("dairy")), "a category");
        assertTrue(models.forYouScansCatalogue("bob", List.of("cake"), ItemFilter.NONE), "a purchase changed the history");
        assertFalse(models.forYouScansCatalogue("zoe", List.of(), ItemFilter.NONE), "nothing to describe zoe by: popularity");
        assertFalse(TenantModels.loadApproved(new ModelRegistry(root.resolve("empty"), CLOCK), "demo")
                .forYouScansCatalogue("bob", List.of(), ItemFilter.NONE), "no for-you model");
    }

    @Test
    void neverReturnsAnEmptyListWhileTheCatalogueHasItems() {
        TenantModels models = TenantModels.loadApproved(registryWithModels(), "demo");
        // ann bought bread; excluding cake leaves the dairy items, which the FM ranks low but still returns.
        assertEquals(2, models.forYou("ann", 5, ItemFilter.NONE.withExcludedItems(Set.of("cake"))).items().size());
        assertFalse(models.alsoBought(List.of("unknown"), 3, ItemFilter.NONE).items().isEmpty());
    }
}
