package io.aisle.serving.recommendations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.recommender.alsobought.AlsoBoughtScorer;
import io.aisle.serving.testing.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

class ModelsHealthIndicatorTest {

    @TempDir
    Path registryFolder;

    @Test
    void isDownUntilTheApprovedModelsAreLoadedThenUp() {
        TestModels models = new TestModels(registryFolder);
        models.registry().approve("acme", "also-bought", models.publishAlsoBought("acme", List.of("milk"), "butter"));
        ModelDeployments<AlsoBoughtScorer> deployments = models.alsoBoughtDeployments();
        ModelReloader reloader = new ModelReloader(List.of(deployments), Duration.ofHours(1));
        ModelsHealthIndicator indicator = new ModelsHealthIndicator(reloader);

        assertEquals(Status.DOWN, indicator.health().block().getStatus());
        reloader.start();
        try {
            assertEquals(Status.UP, indicator.health().block().getStatus());
        } finally {
            reloader.stop();
        }
    }
}
