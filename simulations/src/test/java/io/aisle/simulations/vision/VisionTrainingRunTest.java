package io.aisle.simulations.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.recommender.registry.VerifiedVersion;
import io.aisle.vision.djl.DjlProductRecognizer;
import io.aisle.vision.djl.RecognizerModel;
import io.aisle.vision.djl.RecognizerTrainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisionTrainingRunTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void publishesATrainedRecognizerThatLoadsFromTheRegistry(@TempDir Path registry) throws Exception {
        VisionTrainingRun.Options options = new VisionTrainingRun.Options(SkuListFile.generated(4), 30, 10,
                new RecognizerTrainer.Settings(24, 3, 32, 0.005f, 7), 20);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        VisionTrainingRun.Report report = VisionTrainingRun.run(options, registry, "acme", NOON,
                new PrintStream(log, true, StandardCharsets.UTF_8));

        VerifiedVersion published = new ModelRegistry(registry, NOON).load("acme", "product-recognizer", "v000001");
        assertEquals(published.folder(), report.versionDir());
        assertEquals("product-recognizer", published.manifest().type());
        assertEquals(30L * 4, published.manifest().rowCounts().get("training"));
        assertEquals("7", published.manifest().parameters().get("seed"));
        assertTrue(published.manifest().dataFingerprint().startsWith("rendered-crops:sha256:"));
        String manifest = Files.readString(report.versionDir().resolve("manifest.json"));
        assertEquals(NOON.instant(), published.manifest().createdAt());
        assertTrue(manifest.contains("holdoutAccuracy"), manifest);
        assertEquals(20, report.latency().samples());
        try (RecognizerModel model = RecognizerModel.load(report.versionDir());
                DjlProductRecognizer recognizer = model.newRecognizer()) {
            assertEquals(SkuListFile.generated(4), model.classes());
        }
    }
}
