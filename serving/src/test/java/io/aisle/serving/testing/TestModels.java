package io.aisle.serving.testing;

import io.aisle.recommender.alsobought.ItemNeighbours;
import io.aisle.recommender.alsobought.ItemNeighboursFormat;
import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.registry.Manifest;
import io.aisle.recommender.registry.ModelDraft;
import io.aisle.recommender.registry.ModelRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Publishes small, hand-checkable models into a registry folder that a {@link RunningServer} serves. */
public final class TestModels {

    private final ModelRegistry registry;

    public TestModels(Path registryFolder) {
        this.registry = new ModelRegistry(registryFolder, Clock.systemUTC());
    }

    public ModelRegistry registry() {
        return registry;
    }

    /**
     * An also-bought model over {@code items} where every item's one neighbour is {@code answer}
     * (and {@code answer}'s neighbour is the first item), so a response tells which version served.
     */
    public String publishAlsoBought(String tenant, List<String> items, String answer) {
        List<String> ids = new ArrayList<>(items);
        if (!ids.contains(answer)) {
            ids.add(answer);
        }
        int answerIndex = ids.indexOf(answer);
        int[][] indices = new int[ids.size()][];
        double[][] scores = new double[ids.size()][];
        long[] counts = new long[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            indices[i] = new int[] {i == answerIndex ? (answerIndex == 0 ? 1 : 0) : answerIndex};
            scores[i] = new double[] {0.5};
            counts[i] = ids.size() - i;
        }
        ItemNeighbours neighbours = new ItemNeighbours(new ItemCatalog(ids, Collections.nCopies(ids.size(), null), counts),
                "cosine", indices, scores);
        Manifest manifest = registry.publish(tenant, "also-bought",
                new ModelDraft("also-bought", "test:" + answer, Map.of("baskets", 1L), Map.of(), Map.of()),
                staging -> ItemNeighboursFormat.write(neighbours, staging.resolve(ItemNeighboursFormat.FILE_NAME)));
        return manifest.version();
    }
}
