package io.aisle.vision.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryFolderTest {

    private static final Instant NOON = Instant.parse("2026-01-01T12:00:00Z");

    private static ModelManifest manifest(String tenant) {
        return new ModelManifest("product-recognizer", tenant, "product-recognizer", "", NOON, "crops:seed=1",
                Map.of("training", 10L), Map.of("epochs", "3"), Map.of("holdoutAccuracy", 0.97), Map.of());
    }

    private static Path modelFolder(Path dir) throws IOException {
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("weights.params"), "weights");
        Files.writeString(source.resolve("recognizer.json"), "{}");
        return source;
    }

    @Test
    void publishesNumberedVersionsWithAChecksumPerFile(@TempDir Path dir) throws IOException {
        ModelRegistryFolder registry = new ModelRegistryFolder(dir.resolve("registry"));
        Path source = modelFolder(dir);
        Path first = registry.publish(source, manifest("acme"));
        Path second = registry.publish(source, manifest("acme"));
        assertEquals(dir.resolve("registry/acme/product-recognizer/v1"), first);
        assertEquals(dir.resolve("registry/acme/product-recognizer/v2"), second);
        String manifest = Files.readString(second.resolve("manifest.json"));
        assertTrue(manifest.contains("\"version\" : \"v2\""), manifest);
        assertTrue(manifest.contains(ModelRegistryFolder.sha256(source.resolve("weights.params"))), manifest);
        assertEquals(List.of(), ModelRegistryFolder.corruptFiles(second));
    }

    @Test
    void detectsAFileChangedAfterPublication(@TempDir Path dir) throws IOException {
        Path version = new ModelRegistryFolder(dir.resolve("registry")).publish(modelFolder(dir), manifest("acme"));
        Files.writeString(version.resolve("weights.params"), "tampered");
        assertEquals(List.of("weights.params"), ModelRegistryFolder.corruptFiles(version));
    }

    @Test
    void refusesATenantNameThatIsNotAPathSegment(@TempDir Path dir) throws IOException {
        ModelRegistryFolder registry = new ModelRegistryFolder(dir.resolve("registry"));
        Path source = modelFolder(dir);
        assertThrows(IllegalArgumentException.class, () -> registry.publish(source, manifest("../other")));
    }
}
