package io.aisle.simulations.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.recommender.engine.Recommendation;
import io.aisle.recommender.engine.TenantModels;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.recommender.scoring.ItemFilter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticModelsTest {

    private static final SyntheticModels.Shape SHAPE = new SyntheticModels.Shape(1_000, 50, 32, 300, 4, 100, 7);

    @TempDir
    Path registryFolder;

    @Test
    void publishesApprovedModelsThatLoadBackWithTheRequestedShape() {
        ModelRegistry registry = new ModelRegistry(registryFolder, Clock.systemUTC());
        SyntheticModels.Published published = SyntheticModels.publish(registry, "bench", SHAPE);

        TenantModels models = TenantModels.loadApproved(registry, "bench");

        var neighbours = models.alsoBoughtModel().orElseThrow().model().neighbours();
        assertEquals(1_000, neighbours.catalog().size());
        for (int item = 0; item < neighbours.catalog().size(); item++) {
            assertEquals(50, neighbours.neighbourIndices(item).length);
        }
        var forYou = models.forYouModel().orElseThrow().model().model();
        assertEquals(32, forYou.machine().factorSize());
        assertEquals(300, forYou.users().size());
        assertEquals(published.itemIds(), forYou.catalog().itemIds());
        assertEquals(published.rankerVersion(), models.rankerModel().map(loaded -> loaded.version()));
        assertTrue(published.rankerVersion().isPresent(), published.rankerNote());
    }

    @Test
    void servesFullListsFromBothModelsWithTheRankerApplied() {
        ModelRegistry registry = new ModelRegistry(registryFolder, Clock.systemUTC());
        SyntheticModels.Published published = SyntheticModels.publish(registry, "bench", SHAPE);
        TenantModels models = TenantModels.loadApproved(registry, "bench");

        Recommendation alsoBought = models.alsoBought(List.of(published.itemIds().get(3)), 10, ItemFilter.NONE);
        Recommendation forYou = models.forYou(published.userIds().get(5), 10, ItemFilter.NONE);

        assertEquals(10, alsoBought.items().size());
        assertEquals(10, forYou.items().size());
        assertTrue(forYou.version().contains("+ranker:"), forYou.version());
    }

    @Test
    void sameSeedWritesTheSameNeighbourFile(@TempDir Path other) {
        ModelRegistry first = new ModelRegistry(registryFolder, Clock.systemUTC());
        ModelRegistry second = new ModelRegistry(other, Clock.systemUTC());
        SyntheticModels.publish(first, "bench", SHAPE);
        SyntheticModels.publish(second, "bench", SHAPE);

        assertEquals(first.readManifest("bench", TenantModels.ALSO_BOUGHT, "v000001").files(),
                second.readManifest("bench", TenantModels.ALSO_BOUGHT, "v000001").files());
        assertEquals(first.readManifest("bench", TenantModels.FOR_YOU, "v000001").files(),
                second.readManifest("bench", TenantModels.FOR_YOU, "v000001").files());
    }
}
