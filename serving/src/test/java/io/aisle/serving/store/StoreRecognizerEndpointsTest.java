package io.aisle.serving.store;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import io.aisle.vision.render.ProductAppearance;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's approved product recognizer in a running server: a small model trained here (seeded,
 * three epochs) on the two looks of a pair of look-alike products tells apart what the weight
 * cannot, for the stores of its tenant only, and a newly approved version takes over mid-stream
 * without losing the store's cart.
 */
class StoreRecognizerEndpointsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long T0 = Instant.now().minusSeconds(60).toEpochMilli() / 1000 * 1000;
    private static final long SEED = 7;

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static ModelRegistry registry;
    private static LookAlikeRecognizer trained;
    private static ProductAppearance gold;
    private static IssuedKey acmeAdmin;
    private static IssuedKey acmeDevice;
    private static IssuedKey globexAdmin;
    private static IssuedKey globexDevice;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        tenants.create("globex");
        acmeAdmin = tenants.key("acme", Role.ADMIN);
        acmeDevice = tenants.key("acme", Role.STORE_DEVICE);
        globexAdmin = tenants.key("globex", Role.ADMIN);
        globexDevice = tenants.key("globex", Role.STORE_DEVICE);
        trained = LookAlikeRecognizer.train(SEED);
        gold = trained.gold();
        registry = new ModelRegistry(home.resolve("registry"), Clock.systemUTC());
        registry.approve("acme", TenantRecognizers.MODEL, publish("acme"));
        server = RunningServer.start(tenants.serverProperties());
        http = new SignedHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
        trained.close();
    }

    @Test
    void picksTheLookAlikeTheCropShowsWithTheTenantsApprovedRecognizer() {
        JsonNode page = play(acmeAdmin, acmeDevice, "gold-1", chunk -> false, () -> { });

        assertEquals(1, page.get("receipts").size(), page.toString());
        assertEquals(Map.of("OATS-GOLD", 1), lines(page.get("receipts").get(0)));
    }

    @Test
    void neverRunsAnotherTenantsRecognizerForThisTenantsStores() {
        // globex has no recognizer of its own: its store fuses by weight, which takes the common look-alike.
        JsonNode page = play(globexAdmin, globexDevice, "gold-2", chunk -> false, () -> { });

        assertEquals(1, page.get("receipts").size(), page.toString());
        assertEquals(Map.of("OATS", 1), lines(page.get("receipts").get(0)));
    }

    @Test
    void keepsTheCartWhenANewVersionIsApprovedMidStream() {
        String v2 = publish("acme");
        long afterTheReach = T0 + 9_000;

        JsonNode page = play(acmeAdmin, acmeDevice, "gold-3", chunk -> chunk.fromMillis() == afterTheReach, () -> {
            HttpResponse<String> approved = http.post(acmeAdmin, "/v1/admin/models/" + TenantRecognizers.MODEL + "/approve",
                    "{\"version\":\"" + v2 + "\"}");
            assertEquals(200, approved.statusCode(), approved.body());
        });

        assertEquals(1, page.get("receipts").size(), page.toString());
        assertEquals(Map.of("OATS-GOLD", 1), lines(page.get("receipts").get(0)));
    }

    @Test
    void answers400ToAHandCropThatIsNotADecodableImage() {
        register(acmeAdmin, "gold-4");
        // A PNG signature followed by nothing a decoder can read.
        byte[] notAnImage = new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4, 5, 6, 7, 8};

        HttpResponse<String> response = http.post(acmeDevice, "/v1/stores/gold-4/camera-frames",
                framesWithCrop(Base64.getEncoder().encodeToString(notAnImage)));

        assertProblem(response, 400, "invalid-request");
        assertTrue(response.body().contains("handCrops[0].imageBase64"), response.body());
        assertNoFrameApplied("gold-4");
    }

    @Test
    void answers413ToAHandCropOverTheCropLimit() {
        register(acmeAdmin, "gold-5");
        byte[] tooLarge = new byte[(64 << 10) + 3];
        tooLarge[0] = (byte) 0x89;

        HttpResponse<String> response = http.post(acmeDevice, "/v1/stores/gold-5/camera-frames",
                framesWithCrop(Base64.getEncoder().encodeToString(tooLarge)));

        assertProblem(response, 413, "too-large");
        assertNoFrameApplied("gold-5");
    }

    /** The first batch of the session that carries a crop, with that crop's image replaced. */
    private static String framesWithCrop(String imageBase64) {
        String frames = new CameraSession(T0, SEED, Optional.of(gold)).chunks().stream()
                .map(CameraSession.Chunk::framesJson)
                .filter(json -> json != null && json.contains("imageBase64"))
                .findFirst().orElseThrow();
        return frames.replaceFirst("\"imageBase64\":\"[^\"]+\"", "\"imageBase64\":\"" + imageBase64 + "\"");
    }

    /** No camera of the store has a frame on record: the refused batch reached no tracker. */
    private static void assertNoFrameApplied(String store) {
        HttpResponse<String> sensors = http.get(acmeDevice, "/v1/stores/" + store + "/sensors");
        assertEquals(200, sensors.statusCode(), sensors.body());
        JsonNode cameras = JSON.readTree(sensors.body()).get("cameras");
        assertEquals(2, cameras.size(), sensors.body());
        cameras.forEach(camera -> assertTrue(camera.get("lastFrameMillis").isNull(), sensors.body()));
    }

    private static String publish(String tenant) {
        return trained.publish(registry, tenant);
    }

    private static void register(IssuedKey admin, String store) {
        assertEquals(201, put(admin, "/v1/admin/stores/" + store + "/layout", CameraSession.lookAlikeLayoutJson(store))
                .statusCode());
        assertEquals(201, put(admin, "/v1/admin/stores/" + store + "/cameras", CameraSession.camerasJson()).statusCode());
    }

    /** The session in which ann takes a gold unit, with {@code between} run before the chunk {@code at} picks. */
    private static JsonNode play(IssuedKey admin, IssuedKey device, String store, Predicate<CameraSession.Chunk> at,
            Runnable between) {
        register(admin, store);
        for (CameraSession.Chunk chunk : new CameraSession(T0, SEED, Optional.of(gold)).chunks()) {
            if (at.test(chunk)) {
                between.run();
            }
            if (chunk.framesJson() != null) {
                assertAccepted(http.post(device, "/v1/stores/" + store + "/camera-frames", chunk.framesJson()));
            }
            assertAccepted(http.post(device, "/v1/stores/" + store + "/shelf-readings", chunk.readingsJson()));
        }
        HttpResponse<String> response = http.get(device, "/v1/stores/" + store + "/receipts");
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> put(IssuedKey key, String path, String json) {
        return server.send(http.signed(key.key().keyId(), key.secret(), "PUT", path, json, Instant.now()).build());
    }

    private static void assertAccepted(HttpResponse<String> response) {
        assertEquals(202, response.statusCode(), response.body());
    }

    private static Map<String, Integer> lines(JsonNode receipt) {
        Map<String, Integer> lines = new TreeMap<>();
        receipt.get("lines").forEach(line -> lines.put(line.get("sku").asString(), line.get("quantity").asInt()));
        return lines;
    }
}
