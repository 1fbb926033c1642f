package io.aisle.training.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisle.recommender.engine.Recommendation;
import io.aisle.recommender.engine.TenantModels;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.training.cli.TrainingCliAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch transform gives, for every user and item, the list the endpoint gives: the server answers a
 * recommendation with {@link TenantModels} of the approved versions (ForYouHandler calls
 * {@code forYou(user, recentPurchases, k, filter)}), and a user with no purchases since training and no
 * filter is exactly what the batch job asks for.
 */
class BatchScoringTest {

    @TempDir
    static Path folder;

    private static Path registry;
    private static TenantModels engine;

    /** Shoppers of two families of items, with orders, so the FM, the ranker and also-bought all have signal. */
    @BeforeAll
    static void trainAndApproveEveryModel() throws IOException {
        registry = folder.resolve("registry");
        Random random = new Random(3);
        List<String> lines = new ArrayList<>();
        long ts = 1_700_000_000L;
        for (int order = 0; order < 600; order++) {
            int user = random.nextInt(60);
            String family = user % 2 == 0 ? "dairy" : "bakery";
            int size = 2 + random.nextInt(3);
            for (int i = 0; i < size; i++) {
                lines.add("u" + user + "," + family + "-" + random.nextInt(12) + ",o" + order + "," + (ts += 60));
            }
        }
        Path interactions = Files.write(folder.resolve("interactions.csv"), lines);
        TrainingCliAccess.Result trained = TrainingCliAccess.run("train", "all", "--tenant", "acme", "--master", "local[1]",
                "--registry", registry.toString(), "--interactions", interactions.toString(),
                "--columns", "user,item,order,timestamp", "--approve");
        assertEquals(0, trained.exitCode(), trained.errors());
        engine = TenantModels.loadApproved(new ModelRegistry(registry, Clock.systemUTC()), "acme");
        assertTrue(engine.rankerModel().isPresent(), "the ranker is approved, so the lists are re-ranked as in the server");
    }

    private static TrainingCliAccess.Result score(String... options) {
        List<String> args = new ArrayList<>(List.of("score", "batch", "--tenant", "acme", "--registry", registry.toString(),
                "--master", "local[2]", "--partitions", "3"));
        args.addAll(List.of(options));
        return TrainingCliAccess.run(args.toArray(String[]::new));
    }

    /** key -> items in rank order with their scores, from the JSON lines Spark wrote. */
    private static Map<String, List<JsonNode>> read(Path out) throws IOException {
        assertTrue(Files.exists(out.resolve("_SUCCESS")), "Spark committed the output");
        ObjectMapper json = new ObjectMapper();
        Map<String, List<JsonNode>> lists = new LinkedHashMap<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                for (String line : Files.readAllLines(part)) {
                    JsonNode row = json.readTree(line);
                    lists.computeIfAbsent(row.get("key").asText(), key -> new ArrayList<>()).add(row);
                }
            }
        }
        lists.values().forEach(rows -> rows.sort(java.util.Comparator.comparingInt(row -> row.get("rank").asInt())));
        return lists;
    }

    private static void assertSameList(Recommendation expected, List<JsonNode> rows, String key) {
        assertEquals(expected.items().size(), rows.size(), key);
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(expected.items().get(r).itemId(), rows.get(r).get("item").asText(), key + " rank " + (r + 1));
            assertEquals(expected.items().get(r).score(), rows.get(r).get("score").asDouble(), 0.0, key + " rank " + (r + 1));
            assertEquals(expected.version(), rows.get(r).get("version").asText());
            assertEquals(expected.fallback(), rows.get(r).get("fallback").asBoolean());
        }
    }

    @Test
    void forYouListsOfEveryUserEqualTheEndpointsForTheApprovedVersions() throws IOException {
        Path out = folder.resolve("for-you-all");
        TrainingCliAccess.Result scored = score("--model", "for-you", "--k", "7", "--out", out.toString());
        assertEquals(0, scored.exitCode(), scored.errors());
        Map<String, List<JsonNode>> lists = read(out);
        List<String> users = engine.forYouModel().orElseThrow().model().model().users();
        assertEquals(users.size(), lists.size(), "one list per user of the model");
        for (String user : users) {
            Recommendation expected = engine.forYou(user, 7, ItemFilter.NONE);
            assertTrue(expected.version().contains("+ranker:"), expected.version());
            assertSameList(expected, lists.get(user), user);
        }
    }

    @Test
    void alsoBoughtListsOfTheNamedItemsEqualTheEndpoints() throws IOException {
        Path items = Files.write(folder.resolve("items.txt"), List.of("dairy-1", "", "bakery-4", "dairy-1", "not-sold-here"));
        Path out = folder.resolve("also-bought-some");
        TrainingCliAccess.Result scored = score("--model", "also-bought", "--k", "5", "--items", items.toString(), "--out", out.toString());
        assertEquals(0, scored.exitCode(), scored.errors());
        Map<String, List<JsonNode>> lists = read(out);
        assertEquals(List.of("bakery-4", "dairy-1", "not-sold-here"), lists.keySet().stream().sorted().toList());
        for (String item : lists.keySet()) {
            assertSameList(engine.alsoBought(List.of(item), 5, ItemFilter.NONE), lists.get(item), item);
        }
    }

    @Test
    void refusesBadRequestsWithoutWritingAnything() throws IOException {
        Path out = folder.resolve("never");
        Path empty = Files.write(folder.resolve("empty.txt"), List.of("", "  "));
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("--model", "bogus"), "--model must be for-you or also-bought but was 'bogus'");
        cases.put(List.of("--model", "for-you", "--k", "0"), "--k must be >= 1 but was 0");
        cases.put(List.of("--model", "for-you", "--items", empty.toString()), "--items belongs to --model also-bought");
        cases.put(List.of("--model", "for-you", "--users", empty.toString()), "names no user");
        cases.put(List.of("--model", "for-you", "--users", folder.resolve("missing.txt").toString()), "cannot be read");
        for (Map.Entry<List<String>, String> bad : cases.entrySet()) {
            List<String> args = new ArrayList<>(bad.getKey());
            args.addAll(List.of("--out", out.toString()));
            TrainingCliAccess.Result result = score(args.toArray(String[]::new));
            assertEquals(2, result.exitCode(), bad.getKey() + ": " + result.errors());
            assertTrue(result.errors().contains(bad.getValue()), bad.getKey() + ": " + result.errors());
            assertFalse(Files.exists(out), "nothing written for " + bad.getKey());
        }
        TrainingCliAccess.Result otherTenant = TrainingCliAccess.run("score", "batch", "--tenant", "globex", "--registry",
                registry.toString(), "--model", "for-you", "--out", out.toString());
        assertEquals(2, otherTenant.exitCode());
        assertTrue(otherTenant.errors().contains("tenant globex has no approved for-you version"), otherTenant.errors());

        Path existing = Files.createDirectories(folder.resolve("existing"));
        TrainingCliAccess.Result taken = score("--model", "for-you", "--out", existing.toString());
        assertEquals(2, taken.exitCode());
        assertTrue(taken.errors().contains("exists; name a new folder"), taken.errors());
    }
}
