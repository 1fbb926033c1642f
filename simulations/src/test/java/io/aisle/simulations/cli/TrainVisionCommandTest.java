package io.aisle.simulations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.layout.StoreLayoutFiles;
import io.aisle.recommender.registry.Manifest;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.simulations.store.StoreLayoutGenerator;
import io.aisle.vision.djl.RecognizerModel;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainVisionCommandTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CliRun.execute(err, args);
    }

    /** A generated three-plate store: three products, each with its own appearance id. */
    private Path tinyLayout() throws IOException {
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, StoreLayoutFiles.toJson(StoreLayoutGenerator.generate("tiny", 3, 0.0, 5)));
        return file;
    }

    @Test
    void trainsOnTheAppearanceIdsOfAStoreLayoutAndPublishesWithAManifest() throws IOException {
        Path layoutFile = tinyLayout();
        StoreLayout layout = StoreLayoutFiles.read(layoutFile);
        Path registry = dir.resolve("registry");

        int exit = run("train", "vision", "--store", layoutFile.toString(), "--registry", registry.toString(),
                "--tenant", "acme", "--train-per-product", "6", "--holdout-per-product", "3", "--epochs", "1",
                "--image-size", "16", "--latency-samples", "0", "--report", dir.resolve("report.json").toString());

        assertEquals(0, exit, err.toString());
        Manifest manifest = new ModelRegistry(registry, Clock.systemUTC()).load("acme", "product-recognizer", "v000001")
                .manifest();
        assertEquals("tiny", manifest.parameters().get("storeId"));
        assertEquals("appearanceId", manifest.parameters().get("classes"));
        assertEquals(6L * 3, manifest.rowCounts().get("training"));
        assertTrue(manifest.evaluation().get("holdout").containsKey("holdoutAccuracy"), manifest.toString());
        try (RecognizerModel model = RecognizerModel.load(registry.resolve("acme/product-recognizer/v000001"))) {
            assertEquals(layout.appearanceIds(), model.classes());
        }
        assertEquals("tiny", new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("store").asText());
    }

    @Test
    void refusesAMalformedLayoutNamingTheField() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(tinyLayout().toFile());
        ((ObjectNode) root.withArray("products").get(1)).put("unitWeightGrams", -5);
        Path broken = dir.resolve("broken.json");
        json.writeValue(broken.toFile(), root);

        int exit = run("train", "vision", "--store", broken.toString(), "--registry", dir.resolve("r").toString());

        assertEquals(2, exit);
        assertTrue(err.toString().contains("products[1].unitWeightGrams"), err.toString());
        assertTrue(Files.notExists(dir.resolve("r")));
    }

    @Test
    void refusesAStoreTogetherWithASkuList() throws IOException {
        Path skus = Files.writeString(dir.resolve("skus.txt"), "A\nB\n");

        int exit = run("train", "vision", "--store", tinyLayout().toString(), "--skus", skus.toString(),
                "--registry", dir.resolve("r").toString());

        assertEquals(2, exit);
        assertTrue(err.toString().contains("--store"), err.toString());
    }
}
