package io.aisle.recommender.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final ModelDraft DRAFT = new ModelDraft("also-bought", "sha256:abc", Map.of("rows", 10L),
            Map.of("topK", "50"), Map.of("aisle", Map.of("hr@10", 0.42)));

    @TempDir
    Path root;

    private ModelRegistry registry() {
        return new ModelRegistry(root, CLOCK);
    }

    private Manifest publish(ModelRegistry registry, String content) {
        return registry.publish("demo", "also-bought", DRAFT,
                staging -> Files.writeString(staging.resolve("neighbours.json"), content));
    }

    @Test
    void publishesNumberedVersionsWithAManifestOfChecksums() {
        ModelRegistry registry = registry();
        Manifest first = publish(registry, "one");
        Manifest second = publish(registry, "two");

        assertEquals("v000001", first.version());
        assertEquals("v000002", second.version());
        assertEquals(List.of("v000001", "v000002"), registry.versions("demo", "also-bought"));
        assertEquals(ModelRegistry.sha256(root.resolve("demo/also-bought/v000001/neighbours.json")),
                first.files().get("neighbours.json"));
        Manifest read = registry.readManifest("demo", "also-bought", "v000002");
        assertEquals(second, read);
        assertEquals(0.42, read.evaluation().get("aisle").get("hr@10"));
        assertEquals(CLOCK.instant(), read.createdAt());
    }

    @Test
    void leavesNoVersionBehindWhenTheWriterFails() throws IOException {
        ModelRegistry registry = registry();
        assertThrows(ModelRegistryException.class, () -> registry.publish("demo", "also-bought", DRAFT, staging -> {
            Files.writeString(staging.resolve("neighbours.json"), "half");
            throw new IOException("disk full");
        }));

        assertEquals(List.of(), registry.versions("demo", "also-bought"));
        try (Stream<Path> left = Files.list(root.resolve("demo/also-bought"))) {
            assertEquals(0, left.count(), "the staging folder must be removed");
        }
    }

    @Test
    void givesEveryConcurrentPublisherItsOwnVersion() throws Exception {
        ModelRegistry registry = registry();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Manifest>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String content = "model " + i;
                futures.add(pool.submit(() -> publish(registry, content)));
            }
            java.util.Set<String> versions = new java.util.HashSet<>();
            for (Future<Manifest> future : futures) {
                versions.add(future.get().version());
            }
            assertEquals(8, versions.size());
            assertEquals(8, registry.versions("demo", "also-bought").size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesAVersionWhoseFileWasAltered() throws IOException {
        ModelRegistry registry = registry();
        publish(registry, "original");
        Files.writeString(root.resolve("demo/also-bought/v000001/neighbours.json"), "tampered");

        ModelRegistryException error = assertThrows(ModelRegistryException.class,
                () -> registry.load("demo", "also-bought", "v000001"));
        assertTrue(error.getMessage().contains("neighbours.json is corrupt"), error.getMessage());
    }

    @Test
    void refusesAPartialVersionNamingTheMissingFile() throws IOException {
        ModelRegistry registry = registry();
        publish(registry, "original");
        Files.delete(root.resolve("demo/also-bought/v000001/neighbours.json"));

        ModelRegistryException error = assertThrows(ModelRegistryException.class,
                () -> registry.load("demo", "also-bought", "v000001"));
        assertTrue(error.getMessage().contains("neighbours.json is missing"), error.getMessage());
    }

    @Test
    void refusesAVersionWithoutManifest() throws IOException {
        ModelRegistry registry = registry();
        publish(registry, "original");
        Files.delete(root.resolve("demo/also-bought/v000001/manifest.json"));

        ModelRegistryException error = assertThrows(ModelRegistryException.class,
                () -> registry.load("demo", "also-bought", "v000001"));
        assertTrue(error.getMessage().contains("manifest.json: file is missing"), error.getMessage());
    }

    @Test
    void refusesAnUnknownManifestFormatVersion() throws IOException {
        ModelRegistry registry = registry();
        publish(registry, "original");
        Path manifest = root.resolve("demo/also-bought/v000001/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"formatVersion\" : 1", "\"formatVersion\" : 7"));

        ModelRegistryException error = assertThrows(ModelRegistryException.class,
                () -> registry.load("demo", "also-bought", "v000001"));
        assertTrue(error.getMessage().contains("manifest.json: formatVersion must be 1 but was 7"), error.getMessage());
    }

    @Test
    void refusesToApproveACorruptVersionAndKeepsThePreviousApproval() throws IOException {
        ModelRegistry registry = registry();
        publish(registry, "good");
        publish(registry, "bad");
        registry.approve("demo", "also-bought", "v000001");
        Files.writeString(root.resolve("demo/also-bought/v000002/neighbours.json"), "flipped bits");

        assertThrows(ModelRegistryException.class, () -> registry.approve("demo", "also-bought", "v000002"));
        assertEquals(Optional.of("v000001"), registry.findApproved("demo", "also-bought"));
    }

    @Test
    void rollsBackToThePreviouslyApprovedVersion() {
        ModelRegistry registry = registry();
        publish(registry, "one");
        publish(registry, "two");
        publish(registry, "three");
        registry.approve("demo", "also-bought", "v000001");
        registry.approve("demo", "also-bought", "v000003");

        assertEquals("v000001", registry.rollback("demo", "also-bought"));
        assertEquals(Optional.of("v000001"), registry.findApproved("demo", "also-bought"));
        assertThrows(ModelRegistryException.class, () -> registry.rollback("demo", "also-bought"));
    }

    @Test
    void reportsNoApprovalForAFreshModel() {
        ModelRegistry registry = registry();
        publish(registry, "one");
        assertFalse(registry.findApproved("demo", "also-bought").isPresent());
        assertFalse(registry.loadApproved("demo", "also-bought").isPresent());
    }

    @Test
    void importsAnExportedVersionIntoAnotherTenantWithItsEvaluation(@TempDir Path elsewhere) {
        ModelRegistry registry = registry();
        publish(registry, "portable");
        Path exported = registry.export("demo", "also-bought", "v000001", elsewhere.resolve("export"));

        Manifest imported = registry.importVersion("acme", "also-bought", exported);

        assertEquals("v000001", imported.version());
        assertEquals("demo/also-bought/v000001", imported.parameters().get("importedFrom"));
        assertEquals(Map.of("aisle", Map.of("hr@10", 0.42)), imported.evaluation());
        registry.load("acme", "also-bought", "v000001");
    }

    @Test
    void refusesToImportAFolderWhoseFilesDoNotMatchTheirManifest(@TempDir Path elsewhere) throws IOException {
        ModelRegistry registry = registry();
        publish(registry, "portable");
        Path exported = registry.export("demo", "also-bought", "v000001", elsewhere.resolve("export"));
        Files.writeString(exported.resolve("neighbours.json"), "changed on the way");

        ModelRegistryException error = assertThrows(ModelRegistryException.class,
                () -> registry.importVersion("acme", "also-bought", exported));
        assertTrue(error.getMessage().contains("neighbours.json is corrupt"), error.getMessage());
        assertEquals(List.of(), registry.versions("acme", "also-bought"));
    }

    @Test
    void rejectsTenantNamesThatWouldLeaveTheRegistryFolder() {
        ModelRegistry registry = registry();
        assertThrows(ModelRegistryException.class, () -> registry.versions("../etc", "also-bought"));
    }
}
