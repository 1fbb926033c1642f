package io.aisle.serving.recommendations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.recommender.alsobought.AlsoBoughtScorer;
import io.aisle.recommender.alsobought.ItemNeighboursFormat;
import io.aisle.recommender.registry.ModelDraft;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDeploymentsTest {

    private static final TenantId ACME = new TenantId("acme");

    @TempDir
    Path registryFolder;

    @Test
    void keepsServingTheLoadedVersionWhenTheNewlyApprovedOneIsCorrupt() {
        TestModels models = new TestModels(registryFolder);
        models.registry().approve("acme", "also-bought", models.publishAlsoBought("acme", List.of("milk"), "butter"));
        ModelDeployments<AlsoBoughtScorer> deployments = models.alsoBoughtDeployments();
        deployments.refresh();
        String corrupt = models.registry().publish("acme", "also-bought",
                new ModelDraft("also-bought", "test:corrupt", Map.of(), Map.of(), Map.of()),
                staging -> Files.writeString(staging.resolve(ItemNeighboursFormat.FILE_NAME), "{}")).version();
        models.registry().approve("acme", "also-bought", corrupt);

        deployments.refresh();

        assertEquals("v000001", deployments.choose(ACME, "u").orElseThrow().version());
    }

    @Test
    void swapsInTheNewlyApprovedVersionOnRefresh() {
        TestModels models = new TestModels(registryFolder);
        models.registry().approve("acme", "also-bought", models.publishAlsoBought("acme", List.of("milk"), "butter"));
        ModelDeployments<AlsoBoughtScorer> deployments = models.alsoBoughtDeployments();
        deployments.refresh();
        models.registry().approve("acme", "also-bought", models.publishAlsoBought("acme", List.of("milk"), "jam"));

        deployments.refresh();

        assertEquals("v000002", deployments.choose(ACME, "u").orElseThrow().version());
    }
}
