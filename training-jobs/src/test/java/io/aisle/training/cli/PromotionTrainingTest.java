package io.aisle.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisle.recommender.registry.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train also-bought --promote-if-better}: the approved version is scored on the new run's split, and the new
 * version is approved only when it beats it.
 */
class PromotionTrainingTest {

    @TempDir
    static Path folder;

    private static Path noiseOrders;
    private static Path noiseThenFamilyOrders;

    /**
     * Orders of 3 to 5 items as the server logs them: first two days of orders that mix five item families at random,
     * then two days of orders drawn within one family, so co-occurrence has something to learn.
     */
    @BeforeAll
    static void writeOrders() throws IOException {
        Random random = new Random(11);
        List<String> noise = new ArrayList<>();
        List<String> family = new ArrayList<>();
        for (int order = 0; order < 600; order++) {
            int f = random.nextInt(5);
            noise.addAll(order(random, "n" + order, "2026-03-0" + (1 + order % 2), () -> "f" + random.nextInt(5) + "-" + random.nextInt(8)));
            family.addAll(order(random, "f" + order, "2026-03-0" + (3 + order % 2), () -> "f" + f + "-" + random.nextInt(8)));
        }
        noiseOrders = Files.write(folder.resolve("noise.jsonl"), noise);
        List<String> both = new ArrayList<>(noise);
        both.addAll(family);
        noiseThenFamilyOrders = Files.write(folder.resolve("noise-then-family.jsonl"), both);
    }

    private static List<String> order(Random random, String order, String day, java.util.function.Supplier<String> item) {
        List<String> items = new ArrayList<>();
        int size = 3 + random.nextInt(3);
        while (items.size() < size) {
            String next = item.get();
            if (!items.contains(next)) {
                items.add(next);
            }
        }
        return items.stream().map(i -> "{\"tenant\":\"acme\",\"user\":\"u-" + random.nextInt(50) + "\",\"item\":\"" + i
                + "\",\"type\":\"purchase\",\"ts\":\"" + day + "T12:00:00Z\",\"order\":\"" + order + "\"}").toList();
    }

    private static TrainingCliAccess.Result train(Path registry, Path events, Path report, String... options) {
        List<String> args = new ArrayList<>(List.of("train", "also-bought", "--tenant", "acme", "--master", "local[1]",
                "--registry", registry.toString(), "--events", events.toString(), "--report", report.toString()));
        args.addAll(List.of(options));
        return TrainingCliAccess.run(args.toArray(String[]::new));
    }

    private static JsonNode promotion(Path report) throws IOException {
        return new ObjectMapper().readTree(Files.readString(report)).get("promotion");
    }

    @Test
    void approvesTheFirstVersionThenComparesOnlyOnNewerHeldOutOrders() throws IOException {
        Path registryFolder = folder.resolve("registry");
        ModelRegistry registry = new ModelRegistry(registryFolder, Clock.systemUTC());

        Path first = folder.resolve("first.json");
        assertEquals(0, train(registryFolder, noiseOrders, first, "--promote-if-better").exitCode());
        assertTrue(promotion(first).get("promoted").asBoolean());
        assertEquals("no version was approved yet", promotion(first).get("reason").asText());
        assertEquals(Optional.of("v000001"), registry.findApproved("acme", "also-bought"));
        assertEquals("2026-03-02T12:00:00Z", registry.readManifest("acme", "also-bought", "v000001").parameters().get("data-until"));

        // The same orders again: none is newer than the approved version's data, so nothing fair to compare on.
        Path same = folder.resolve("same.json");
        assertEquals(0, train(registryFolder, noiseOrders, same, "--promote-if-better").exitCode());
        JsonNode refused = promotion(same);
        assertFalse(refused.get("promoted").asBoolean());
        assertEquals(0, refused.get("cases").asInt());
        assertEquals("only 0 held-out cases are newer than the data of approved v000001; 30 are needed to compare",
                refused.get("reason").asText());
        assertEquals(List.of("v000001", "v000002"), registry.versions("acme", "also-bought"));
        assertEquals(Optional.of("v000001"), registry.findApproved("acme", "also-bought"));

        // Two more days whose orders keep to one family: retrained lists know them, the approved ones cannot.
        Path better = folder.resolve("better.json");
        assertEquals(0, train(registryFolder, noiseThenFamilyOrders, better, "--promote-if-better", "--min-gain", "0.05")
                .exitCode());
        JsonNode promoted = promotion(better);
        assertTrue(promoted.get("promoted").asBoolean(), promoted.toString());
        assertTrue(promoted.get("cases").asInt() >= 30, promoted.toString());
        assertTrue(promoted.get("candidate").asDouble() > promoted.get("approved").asDouble() + 0.05, promoted.toString());
        assertEquals("v000001", promoted.get("approved-version").asText());
        assertEquals(Optional.of("v000003"), registry.findApproved("acme", "also-bought"));

        // The comparison starts after the newly approved version's data: the same orders again decide nothing.
        Path again = folder.resolve("again.json");
        assertEquals(0, train(registryFolder, noiseThenFamilyOrders, again, "--promote-if-better", "--min-cases", "1")
                .exitCode());
        assertTrue(promotion(again).get("reason").asText().startsWith("only 0 held-out cases are newer than the data of"
                + " approved v000003"), promotion(again).toString());
        assertEquals(Optional.of("v000003"), registry.findApproved("acme", "also-bought"));
    }

    @Test
    void refusesContradictoryOrStrayPromotionOptionsBeforeTraining() {
        Path registryFolder = folder.resolve("refused-registry");
        TrainingCliAccess.Result both = train(registryFolder, noiseOrders, folder.resolve("r1.json"),
                "--promote-if-better", "--approve");
        assertEquals(2, both.exitCode());
        assertTrue(both.errors().contains("--approve and --promote-if-better exclude each other"), both.errors());

        TrainingCliAccess.Result stray = train(registryFolder, noiseOrders, folder.resolve("r2.json"), "--min-gain", "0.1");
        assertEquals(2, stray.exitCode());
        assertTrue(stray.errors().contains("--min-gain applies to --promote-if-better only"), stray.errors());

        TrainingCliAccess.Result strayCases = train(registryFolder, noiseOrders, folder.resolve("r4.json"), "--min-cases", "5");
        assertEquals(2, strayCases.exitCode());
        assertTrue(strayCases.errors().contains("--min-cases applies to --promote-if-better only"), strayCases.errors());

        TrainingCliAccess.Result negative = train(registryFolder, noiseOrders, folder.resolve("r3.json"),
                "--promote-if-better", "--min-gain", "-1");
        assertEquals(2, negative.exitCode());
        assertTrue(negative.errors().contains("--min-gain must be in [0, 1] but was -1.0"), negative.errors());
        assertFalse(Files.exists(registryFolder.resolve("acme")));
    }
}
