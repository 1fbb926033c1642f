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
import io.aisle.recommender.registry.ModelDraft;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.recommender.registry.ModelRegistryException;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.recommender.scoring.ScoredItem;
import io.aisle.recommender.testing.Catalogs;
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
    void neverReturnsAnEmptyListWhileTheCatalogueHasItems() {
        TenantModels models = TenantModels.loadApproved(registryWithModels(), "demo");
        // ann bought bread; excluding cake leaves the dairy items, which the FM ranks low but still returns.
        assertEquals(2, models.forYou("ann", 5, ItemFilter.NONE.withExcludedItems(Set.of("cake"))).items().size());
        assertFalse(models.alsoBought(List.of("unknown"), 3, ItemFilter.NONE).items().isEmpty());
    }
}
