package io.aisle.serving.store;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.vision.scene.CameraScene;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StoreEndpointsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Event times of the scripted sessions: a minute before now, well inside the accepted skew. */
    private static final long T0 = Instant.now().minusSeconds(60).toEpochMilli() / 1000 * 1000;
    private static final long SEED = 7;

    @TempDir
    static Path home;

    private static StoreTestServer site;

    @BeforeAll
    static void start() {
        site = StoreTestServer.start(home);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static void assertAccepted(HttpResponse<String> response) {
        assertEquals(202, response.statusCode(), response.body());
    }

    private static JsonNode receipts(String store, String query) {
        return site.get(site.acmeDevice, "/v1/stores/" + store + "/receipts" + query);
    }

    private static JsonNode receiptOf(JsonNode page, String shopper) {
        for (JsonNode receipt : page.get("receipts")) {
            if (receipt.get("shopper").asString().equals(shopper)) {
                return receipt;
            }
        }
        throw new AssertionError("no receipt for " + shopper + " in " + page);
    }

    private static String readingsJson(String plate, long ts, double grams) {
        return "{\"readings\":[{\"plate\":\"P1\",\"ts\":" + T0 + ",\"grams\":8400.0},{\"plate\":\"" + plate + "\",\"ts\":"
                + ts + ",\"grams\":" + grams + "}]}";
    }

    @Test
    void issuesEachShopperAReceiptForWhatTheyTook() {
        site.register("receipts-1");
        site.play("receipts-1", new StoreScript(T0, SEED).picks("a", 0, 1, 4_000, 9_000).picks("b", 500, 2, 5_000, 10_000)
                .render(12_000, 100));

        JsonNode page = receipts("receipts-1", "");

        assertEquals(2, page.get("receipts").size(), page.toString());
        assertEquals(Map.of("OATS", 1), StoreTestServer.lines(receiptOf(page, "a")));
        assertEquals(Map.of("TEA", 1), StoreTestServer.lines(receiptOf(page, "b")));
        assertEquals(false, receiptOf(page, "a").get("needsReview").asBoolean());
        assertEquals(2, page.get("next").asLong());
    }

    @Test
    void keepsStoresApartWhenTheyAreFedConcurrently() throws Exception {
        site.register("busy-1");
        site.register("busy-2");
        List<StoreScript.Batch> one = new StoreScript(T0, 21).picks("a", 0, 1, 4_000, 9_000).render(11_000, 100);
        List<StoreScript.Batch> two = new StoreScript(T0, 22).picks("a", 0, 2, 4_500, 9_000).render(11_000, 100);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> site.play("busy-1", one));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> site.play("busy-2", two));
        CompletableFuture.allOf(first, second).get(60, TimeUnit.SECONDS);

        assertEquals(Map.of("OATS", 1), StoreTestServer.lines(receiptOf(receipts("busy-1", ""), "a")));
        assertEquals(Map.of("TEA", 1), StoreTestServer.lines(receiptOf(receipts("busy-2", ""), "a")));
    }

    @Test
    void pagesReceiptsAfterTheGivenNumber() {
        site.register("receipts-2");
        site.play("receipts-2", new StoreScript(T0, SEED).picks("a", 0, 1, 4_000, 9_000).picks("b", 500, 2, 5_000, 10_000)
                .render(12_000, 100));

        JsonNode page = receipts("receipts-2", "?since=1&limit=5");

        assertEquals(1, page.get("receipts").size(), page.toString());
        assertEquals(2, page.get("receipts").get(0).get("seq").asLong());
        assertEquals(0, receipts("receipts-2", "?since=2").get("receipts").size());
    }

    @Test
    void showsTheOpenCartOfAShopperStillInTheStore() {
        site.register("cart-1");
        List<StoreScript.Batch> batches = new StoreScript(T0, SEED).picks("a", 0, 1, 4_000, 9_000).render(12_000, 100);
        site.play("cart-1", batches.subList(0, 60));

        HttpResponse<String> response = site.http.get(site.acmeDevice, "/v1/stores/cart-1/carts/a");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode cart = JSON.readTree(response.body());
        assertEquals("OATS", cart.get("lines").get(0).get("sku").asString());
        assertEquals(1, cart.get("lines").get(0).get("quantity").asInt());
    }

    @Test
    void answers404ForTheCartOfAShopperWhoseReceiptIsOut() {
        site.register("cart-2");
        site.play("cart-2", new StoreScript(T0, SEED).picks("a", 0, 1, 4_000, 9_000).render(12_000, 100));

        assertProblem(site.http.get(site.acmeDevice, "/v1/stores/cart-2/carts/a"), 404, "not-found");
    }

    @Test
    void streamsTheReceiptAsAServerSentEvent() throws Exception {
        site.register("sse-1");
        String receiptData;
        try (StoreEventStream events = StoreEventStream.open(site.http, site.acmeDevice, "sse-1")) {
            CompletableFuture<Void> session = CompletableFuture.runAsync(() -> site.play("sse-1",
                    new StoreScript(T0, SEED).picks("a", 0, 1, 4_000, 9_000).render(11_000, 100)));
            receiptData = events.nextReceipt();
            session.get(60, TimeUnit.SECONDS);
        }

        assertTrue(receiptData != null && receiptData.startsWith("data:"), String.valueOf(receiptData));
        JsonNode receipt = JSON.readTree(receiptData.substring("data:".length()));
        assertEquals("a", receipt.get("shopper").asString());
        assertEquals("OATS", receipt.get("lines").get(0).get("sku").asString());
    }

    @Test
    void refusedBatchLeavesNoTraceInTheReceipts() {
        // The refused batch carries the weight drop of a pick that never happened, plus one bad reading.
        // Had its good part been applied, the real samples at those times would be ignored as repeats
        // and shopper c charged for tea.
        site.register("atomic-1");
        StoreScript touch = new StoreScript(T0, SEED).touches("c", 0, 2, 4_000, 9_000);
        List<StoreScript.Batch> picked = new StoreScript(T0, SEED).picks("c", 0, 2, 4_000, 9_000).render(12_000, 100);
        String dropping = picked.get(40).readingsJson().replace("]}", ",{\"plate\":\"P9\",\"ts\":" + (T0 + 4_000) + ",\"grams\":1.0}]}");

        assertProblem(site.http.post(site.acmeDevice, "/v1/stores/atomic-1/shelf-readings", dropping), 400, "invalid-request");
        site.play("atomic-1", touch.render(12_000, 100));

        JsonNode receipt = receiptOf(receipts("atomic-1", ""), "c");
        assertEquals(0, receipt.get("lines").size(), receipt.toString());
    }

    @Test
    void acceptsABatchOfReadingsLargerThanTheCodecsDefaultUpToTheBodyLimit() {
        site.register("large-1");
        StringBuilder batch = new StringBuilder("{\"readings\":[");
        for (int i = 0; i < 8_000; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"plate\":\"P1\",\"ts\":").append(T0 + i).append(",\"grams\":8400.123456789}");
        }
        String json = batch.append("]}").toString();
        assertTrue(json.length() > 256 * 1024 && json.length() < 1024 * 1024, "between the codecs' default and the body limit");

        HttpResponse<String> response = site.http.post(site.acmeDevice, "/v1/stores/large-1/shelf-readings", json);

        assertEquals(202, response.statusCode(), response.body());
    }

    @Test
    void rejectsAReadingOfAnUnknownPlateNamingIt() {
        site.register("bad-1");

        HttpResponse<String> response = site.http.post(site.acmeDevice, "/v1/stores/bad-1/shelf-readings", readingsJson("P9", T0, 10));

        assertProblem(response, 400, "invalid-request");
        assertTrue(response.body().contains("readings[1].plate: unknown plate 'P9'"), response.body());
    }

    @Test
    void rejectsAWeightBeyondThePlatesCapacity() {
        site.register("bad-2");

        HttpResponse<String> response = site.http.post(site.acmeDevice, "/v1/stores/bad-2/shelf-readings", readingsJson("P2", T0, 75_000));

        assertProblem(response, 400, "invalid-request");
        assertTrue(response.body().contains("readings[1].grams must be within +-60000.0"), response.body());
    }

    @Test
    void rejectsATimestampFarFromTheServerClock() {
        site.register("bad-3");

        HttpResponse<String> response = site.http.post(site.acmeDevice, "/v1/stores/bad-3/shelf-readings",
                readingsJson("P2", T0 - 3_600_000, 8_000));

        assertProblem(response, 400, "invalid-request");
        assertTrue(response.body().contains("readings[1].ts is "), response.body());
    }

    @Test
    void rejectsAMalformedBatch() {
        site.register("bad-4");

        assertProblem(site.http.post(site.acmeDevice, "/v1/stores/bad-4/shelf-readings", "{\"readings\":[{\"plate\":\"P1\",\"ts\":\"soon\"}]}"),
                400, "malformed-body");
        assertProblem(site.http.post(site.acmeDevice, "/v1/stores/bad-4/shelf-readings", "{\"readings\":[]}"), 400, "invalid-request");
    }

    @Test
    void rejectsAnObservationOffTheStoreFloor() {
        site.register("bad-5");
        String body = "{\"observations\":[{\"track\":\"a\",\"ts\":" + T0 + ",\"position\":[55.0,3.0],\"leftWrist\":null,\"rightWrist\":null}]}";

        HttpResponse<String> response = site.http.post(site.acmeDevice, "/v1/stores/bad-5/shopper-observations", body);

        assertProblem(response, 400, "invalid-request");
        assertTrue(response.body().contains("observations[0].position"), response.body());
    }

    @Test
    void answers404ForAnotherTenantsStore() {
        site.register("private-1");

        assertProblem(site.http.post(site.globexDevice, "/v1/stores/private-1/shelf-readings", readingsJson("P1", T0, 8_000)), 404, "not-found");
        assertProblem(site.http.get(site.globexDevice, "/v1/stores/private-1/receipts"), 404, "not-found");
    }

    @Test
    void answers404ForAnUnknownStore() {
        assertProblem(site.http.get(site.acmeDevice, "/v1/stores/nowhere/receipts"), 404, "not-found");
    }

    @Test
    void answers403ToAKeyWithoutTheStoreDeviceRole() {
        site.register("role-1");

        assertProblem(site.http.post(site.acmeStorefront, "/v1/stores/role-1/shelf-readings", readingsJson("P1", T0, 8_000)), 403, "forbidden-role");
        assertProblem(site.put(site.acmeDevice, "/v1/admin/stores/role-2/layout", StoreScript.layoutJson("role-2")), 403, "forbidden-role");
    }

    @Test
    void answers401ToAnUnsignedRequest() {
        HttpResponse<String> response = site.server.send(HttpRequest.newBuilder(site.server.uri("/v1/stores/any/shelf-readings"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build());

        assertProblem(response, 401, "unsigned");
    }

    @Test
    void answers413ToABodyOverTheSizeLimit() {
        site.register("big-1");
        String body = "{\"readings\":[" + "{\"plate\":\"P1\",\"ts\":1,\"grams\":1.0},".repeat(40_000) + "]}";

        assertProblem(site.http.post(site.acmeDevice, "/v1/stores/big-1/shelf-readings", body), 413, "too-large");
    }

    @Test
    void keepsTheFirstLayoutOfAStore() {
        site.register("layout-1");

        assertEquals(200, site.put(site.acmeAdmin, "/v1/admin/stores/layout-1/layout", StoreScript.layoutJson("layout-1")).statusCode());
        HttpResponse<String> changed = site.put(site.acmeAdmin, "/v1/admin/stores/layout-1/layout",
                StoreScript.layoutJson("layout-1").replace("\"capacityGrams\": 60000", "\"capacityGrams\": 50000"));
        assertProblem(changed, 400, "invalid-request");
        assertTrue(changed.body().contains("already has a different layout"), changed.body());
    }

    @Test
    void refusesAMalformedLayoutNamingTheField() {
        HttpResponse<String> response = site.put(site.acmeAdmin, "/v1/admin/stores/layout-2/layout",
                StoreScript.layoutJson("layout-2").replace("\"unitWeightGrams\": 120", "\"unitWeightGrams\": -1"));

        assertProblem(response, 400, "invalid-request");
        assertTrue(response.body().contains("products[1].unitWeightGrams"), response.body());
    }

    @Test
    void acceptsCameraFramesOfACalibratedCamera() {
        registerWithCameras("cams-1");
        String frames = "{\"frames\":[{\"cameraId\":\"west\",\"timestampMillis\":" + T0 + ",\"persons\":[]},"
                + "{\"cameraId\":\"east\",\"timestampMillis\":" + T0 + ",\"persons\":[]}]}";

        HttpResponse<String> response = site.http.post(site.acmeDevice, "/v1/stores/cams-1/camera-frames", frames);

        assertEquals(202, response.statusCode(), response.body());
        assertEquals(2, JSON.readTree(response.body()).get("accepted").asInt());
    }

    @Test
    void answers413ToMoreCameraFramesThanTheBound() {
        registerWithCameras("cams-2");
        String frame = "{\"cameraId\":\"west\",\"timestampMillis\":" + T0 + ",\"persons\":[]}";
        String frames = "{\"frames\":[" + String.join(",", Collections.nCopies(65, frame)) + "]}";

        assertProblem(site.http.post(site.acmeDevice, "/v1/stores/cams-2/camera-frames", frames), 413, "too-large");
    }

    @Test
    void answers400ToAMalformedCameraFrame() {
        registerWithCameras("cams-3");
        String frames = "{\"frames\":[{\"cameraId\":\"west\",\"timestampMillis\":\"later\",\"persons\":[]}]}";

        HttpResponse<String> response = site.http.post(site.acmeDevice, "/v1/stores/cams-3/camera-frames", frames);

        assertProblem(response, 400, "invalid-request");
        assertTrue(response.body().contains("frames[0].timestampMillis"), response.body());
    }

    @Test
    void answers400ToAFrameOfAnUncalibratedCamera() {
        registerWithCameras("cams-4");
        String frames = "{\"frames\":[{\"cameraId\":\"roof\",\"timestampMillis\":" + T0 + ",\"persons\":[]}]}";

        HttpResponse<String> response = site.http.post(site.acmeDevice, "/v1/stores/cams-4/camera-frames", frames);

        assertProblem(response, 400, "invalid-request");
        assertTrue(response.body().contains("camera 'roof'"), response.body());
    }

    @Test
    void answers400ToCameraFramesOfAStoreWithoutCameras() {
        site.register("cams-5");
        String frames = "{\"frames\":[{\"cameraId\":\"west\",\"timestampMillis\":" + T0 + ",\"persons\":[]}]}";

        assertProblem(site.http.post(site.acmeDevice, "/v1/stores/cams-5/camera-frames", frames), 400, "invalid-request");
    }

    @Test
    void issuesAReceiptFromCameraFramesAndShelfReadings() {
        JsonNode page = playCameraSession("cams-6", false);

        assertEquals(1, page.get("receipts").size(), page.toString());
        assertEquals(Map.of("OATS", 1), StoreTestServer.lines(page.get("receipts").get(0)));
    }

    @Test
    void refusedCameraBatchLeavesTheTracksIntact() {
        // The refused batch holds empty frames of both cameras for the time of the reach: had they
        // reached the tracker, the real frames of that time would be dropped as late, nobody would
        // be seen reaching, and the pick would go unattributed.
        JsonNode page = playCameraSession("cams-7", true);

        assertEquals(1, page.get("receipts").size(), page.toString());
        assertEquals(Map.of("OATS", 1), StoreTestServer.lines(page.get("receipts").get(0)));
    }

    /** {@link CameraSession} posted over HTTP, optionally with a refused batch just before the reach. */
    private static JsonNode playCameraSession(String store, boolean withRefusedBatch) {
        assertEquals(201, site.put(site.acmeAdmin, "/v1/admin/stores/" + store + "/layout", CameraSession.layoutJson(store)).statusCode());
        assertEquals(201, site.put(site.acmeAdmin, "/v1/admin/stores/" + store + "/cameras", CameraSession.camerasJson()).statusCode());
        CameraSession session = new CameraSession(T0, SEED);
        for (CameraSession.Chunk chunk : session.chunks()) {
            if (withRefusedBatch && chunk.fromMillis() == T0 + 6_800) {
                assertProblem(site.http.post(site.acmeDevice, "/v1/stores/" + store + "/camera-frames", emptyFramesAndAnUnknownCamera(
                        session.liftMillis() - 800, session.liftMillis() + 600)), 400, "invalid-request");
            }
            if (chunk.framesJson() != null) {
                assertAccepted(site.http.post(site.acmeDevice, "/v1/stores/" + store + "/camera-frames", chunk.framesJson()));
            }
            assertAccepted(site.http.post(site.acmeDevice, "/v1/stores/" + store + "/shelf-readings", chunk.readingsJson()));
        }
        return receipts(store, "");
    }

    /** Frames of both cameras seeing nobody between two times, and one frame of a camera the store does not have. */
    private static String emptyFramesAndAnUnknownCamera(long fromMillis, long toMillis) {
        StringBuilder frames = new StringBuilder("{\"frames\":[");
        for (long t = fromMillis / CameraScene.TICK_MILLIS * CameraScene.TICK_MILLIS; t < toMillis; t += CameraScene.TICK_MILLIS) {
            for (String camera : List.of("west", "east")) {
                frames.append("{\"cameraId\":\"").append(camera).append("\",\"timestampMillis\":").append(t)
                        .append(",\"persons\":[]},");
            }
        }
        return frames.append("{\"cameraId\":\"roof\",\"timestampMillis\":").append(toMillis).append(",\"persons\":[]}]}").toString();
    }

    private static void registerWithCameras(String store) {
        site.register(store);
        HttpResponse<String> response = site.put(site.acmeAdmin, "/v1/admin/stores/" + store + "/cameras", CameraSession.camerasJson());
        assertEquals(201, response.statusCode(), response.body());
    }
}
