package io.aisle.serving.testing;

import io.aisle.recommender.alsobought.AlsoBoughtScorer;
import io.aisle.recommender.alsobought.ItemNeighbours;
import io.aisle.recommender.alsobought.ItemNeighboursFormat;
import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.foryou.FactorizationMachine;
import io.aisle.recommender.foryou.ForYouFormat;
import io.aisle.recommender.foryou.ForYouModel;
import io.aisle.recommender.registry.Manifest;
import io.aisle.recommender.registry.ModelDraft;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.serving.recommendations.ModelDeployments;
import io.aisle.serving.recommendations.VariantPlans;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
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
     * A factorization machine over users {@code u-1} and {@code u-2} and the given items, whose
     * scores fall in the order the items are given (only the items' linear weights are set).
     */
    public String publishForYou(String tenant, List<String> items) {
        int users = 2;
        int featureCount = users + items.size() + 1 + 1;
        double[] linear = new double[featureCount];
        for (int i = 0; i < items.size(); i++) {
            linear[users + i] = items.size() - i;
        }
        FactorizationMachine machine = new FactorizationMachine(featureCount, 1, 0.0, linear, new double[featureCount]);
        long[] counts = new long[items.size()];
        Arrays.fill(counts, 1);
        ForYouModel model = new ForYouModel(machine, List.of("u-1", "u-2"),
                new ItemCatalog(items, Collections.nCopies(items.size(), "dairy"), counts), List.of("dairy"),
                new int[items.size()], new double[items.size()], new int[][] {new int[0], new int[0]}, 0.0);
        Manifest manifest = registry.publish(tenant, "for-you",
                new ModelDraft("for-you", "test:fm", Map.of("interactions", 1L), Map.of(), Map.of()),
                staging -> ForYouFormat.write(model, staging));
        return manifest.version();
    }

    /**
     * A factorization machine with history features over milk and cheese (dairy) and bread and cake
     * (bakery), where what a shopper bought pulls towards its category: a bakery purchase puts the
     * other bakery item first. Popularity alone would answer milk, then bread.
     */
    public String publishForYouWithHistory(String tenant) {
        List<String> items = List.of("milk", "cheese", "bread", "cake");
        int features = ForYouModel.featureCount(2, items.size(), 2, true);
        // users 0, 0; items milk -1, cheese -1, bread +1, cake +1; categories, recency 0; history items as the items.
        double[] factors = {0, 0, -1, -1, 1, 1, 0, 0, 0, -1, -1, 1, 1};
        FactorizationMachine machine = new FactorizationMachine(features, 1, 0.0, new double[features], factors);
        ForYouModel model = new ForYouModel(machine, List.of("u-1", "u-2"),
                new ItemCatalog(items, List.of("dairy", "dairy", "bakery", "bakery"), new long[] {90, 40, 80, 10}),
                List.of("bakery", "dairy"), new int[] {1, 1, 0, 0}, new double[items.size()],
                new int[][] {{2}, {0}}, 0.0, true, 1);
        Manifest manifest = registry.publish(tenant, "for-you",
                new ModelDraft("for-you", "test:fm-history", Map.of("interactions", 2L), Map.of(), Map.of()),
                staging -> ForYouFormat.write(model, staging));
        return manifest.version();
    }

    /** Also-bought deployments over this registry, with no variant plans: each tenant's approved version. */
    public ModelDeployments<AlsoBoughtScorer> alsoBoughtDeployments() {
        return new ModelDeployments<>("also-bought", registry, new VariantPlans(),
                version -> new AlsoBoughtScorer(ItemNeighboursFormat.read(version.file(ItemNeighboursFormat.FILE_NAME))));
    }

    /**
     * An also-bought model over {@code items} where every item's one neighbour is {@code answer}
     * (and {@code answer}'s neighbour is the first item), so a response tells which version served.
     */
    /** An also-bought model over {@code ids} whose item {@code i} has the neighbours {@code neighbours[i]}, best first. */
    public String publishAlsoBought(String tenant, List<String> ids, int[][] neighbours, String label) {
        double[][] scores = new double[ids.size()][];
        for (int i = 0; i < ids.size(); i++) {
            scores[i] = new double[neighbours[i].length];
            for (int n = 0; n < scores[i].length; n++) {
                scores[i][n] = 1.0 / (n + 1);
            }
        }
        long[] counts = new long[ids.size()];
        Arrays.fill(counts, 1);
        ItemNeighbours model = new ItemNeighbours(new ItemCatalog(ids, Collections.nCopies(ids.size(), null), counts),
                "cosine", neighbours, scores);
        return registry.publish(tenant, "also-bought",
                new ModelDraft("also-bought", "test:" + label, Map.of("baskets", 1L), Map.of(), Map.of()),
                staging -> ItemNeighboursFormat.write(model, staging.resolve(ItemNeighboursFormat.FILE_NAME))).version();
    }

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
