package io.aisle.serving.store;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /v1/stores/{store}/shoppers} and {@code /sensors} against a real server, embedded. */
class StoreFloorEndpointsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A minute before now, well inside the accepted skew. */
    private static final long T0 = Instant.now().minusSeconds(60).toEpochMilli() / 1000 * 1000;

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

    @Test
    void placesEachShopperInTheStoreWhereTheyWereLastSeenUntilTheirReceipt() {
        site.register("floor-1", StoreScript.layoutJson("floor-1"));
        List<StoreScript.Batch> session = new StoreScript(T0, 3).picks("a", 0, 1, 4_000, 14_000)
                .picks("b", 500, 2, 5_000, 15_000).render(17_000, 100);
        site.play("floor-1", session.stream().filter(batch -> batch.fromMillis() < 7_000).toList());

        JsonNode floor = site.get(site.acmeDevice, "/v1/stores/floor-1/shoppers");

        assertEquals(2, floor.get("shoppers").size(), floor.toString());
        Map<String, JsonNode> byShopper = new HashMap<>();
        floor.get("shoppers").forEach(shopper -> byShopper.put(shopper.get("shopper").asString(), shopper));
        // Both stand in the aisle at their plates from two seconds after they came in (StoreScript's keyframes).
        assertEquals(StoreScript.plateX(1), byShopper.get("a").get("x").asDouble(), 0.05);
        assertEquals(StoreScript.plateX(2), byShopper.get("b").get("x").asDouble(), 0.05);
        assertEquals(StoreScript.AISLE_Y, byShopper.get("a").get("y").asDouble(), 0.05);
        assertEquals("a", byShopper.get("a").get("track").asString());
        long updatedAt = byShopper.get("a").get("updatedAtMillis").asLong();
        assertTrue(updatedAt > T0 + 5_000 && updatedAt < T0 + 7_000, floor.toString());
        assertEquals(T0 + 6_999, floor.get("clockMillis").asLong(), 17, floor.toString());

        site.play("floor-1", session.stream().filter(batch -> batch.fromMillis() >= 7_000).toList());
        assertEquals(0, site.get(site.acmeDevice, "/v1/stores/floor-1/shoppers").get("shoppers").size());
    }

    @Test
    void namesThePlateThatWentSilent() {
        site.register("floor-2", StoreScript.layoutJson("floor-2"));
        site.post("floor-2", "shelf-readings", "{\"readings\":[" + reading("P1", T0) + "," + reading("P2", T0) + "]}");
        site.post("floor-2", "shelf-readings", "{\"readings\":[" + reading("P2", T0 + 8_000) + "]}");

        JsonNode sensors = site.get(site.acmeDevice, "/v1/stores/floor-2/sensors");

        assertEquals(T0 + 8_000, sensors.get("clockMillis").asLong());
        assertEquals(5_000, sensors.get("silentAfterMillis").asLong());
        assertEquals("P1", sensors.get("plates").get(0).get("plate").asString());
        assertEquals(true, sensors.get("plates").get(0).get("silent").asBoolean(), sensors.toString());
        assertEquals(T0, sensors.get("plates").get(0).get("lastReadingMillis").asLong());
        assertEquals(false, sensors.get("plates").get(1).get("silent").asBoolean(), sensors.toString());
        assertEquals(0, sensors.get("cameras").size());
        JsonNode patient = site.get(site.acmeDevice, "/v1/stores/floor-2/sensors?silentAfterSeconds=10");
        assertEquals(false, patient.get("plates").get(0).get("silent").asBoolean(), patient.toString());
    }

    @Test
    void givesEachCameraItsSkewAgainstTheShelfClockAndNamesTheSilentOne() {
        site.register("floor-3", CameraSession.layoutJson("floor-3"));
        HttpResponse<String> cameras = site.put(site.acmeAdmin, "/v1/admin/stores/floor-3/cameras", CameraSession.camerasJson());
        assertEquals(201, cameras.statusCode(), cameras.body());
        site.post("floor-3", "camera-frames", "{\"frames\":[" + frame("east", T0) + "," + frame("west", T0) + "]}");
        site.post("floor-3", "shelf-readings", "{\"readings\":[" + reading("N1", T0 + 9_000) + "]}");
        site.post("floor-3", "camera-frames", "{\"frames\":[" + frame("west", T0 + 9_250) + "]}");

        JsonNode sensors = site.get(site.acmeDevice, "/v1/stores/floor-3/sensors");

        JsonNode east = sensors.get("cameras").get(0);
        JsonNode west = sensors.get("cameras").get(1);
        assertEquals("east", east.get("camera").asString(), sensors.toString());
        assertEquals(true, east.get("silent").asBoolean());
        assertTrue(east.get("skewMillis").isNull(), sensors.toString());
        assertEquals(false, west.get("silent").asBoolean());
        assertEquals(250, west.get("skewMillis").asLong(), sensors.toString());
        assertEquals(T0 + 9_000, sensors.get("clockMillis").asLong());
    }

    @Test
    void showsAStoreNothingHasReachedYetEmpty() {
        site.register("floor-4", StoreScript.layoutJson("floor-4"));

        JsonNode floor = site.get(site.acmeDevice, "/v1/stores/floor-4/shoppers");
        JsonNode sensors = site.get(site.acmeDevice, "/v1/stores/floor-4/sensors");

        assertTrue(floor.get("clockMillis").isNull(), floor.toString());
        assertEquals(0, floor.get("shoppers").size());
        assertEquals(true, sensors.get("plates").get(1).get("silent").asBoolean(), sensors.toString());
    }

    @Test
    void answers404ForAnotherTenantsStoreAndAnUnknownOne() {
        site.register("floor-5", StoreScript.layoutJson("floor-5"));

        assertProblem(site.http.get(site.globexDevice, "/v1/stores/floor-5/shoppers"), 404, "not-found");
        assertProblem(site.http.get(site.globexDevice, "/v1/stores/floor-5/sensors"), 404, "not-found");
        assertProblem(site.http.get(site.acmeDevice, "/v1/stores/nowhere/sensors"), 404, "not-found");
    }

    @Test
    void answers400ToASilenceBoundOutOfRange() {
        site.register("floor-6", StoreScript.layoutJson("floor-6"));

        HttpResponse<String> zero = site.http.get(site.acmeDevice, "/v1/stores/floor-6/sensors?silentAfterSeconds=0");
        assertProblem(zero, 400, "invalid-request");
        assertTrue(zero.body().contains("silentAfterSeconds"), zero.body());
        assertProblem(site.http.get(site.acmeDevice, "/v1/stores/floor-6/sensors?silentAfterSeconds=soon"), 400, "invalid-request");
    }

    @Test
    void answers403ToAKeyWithoutTheStoreDeviceRole() {
        site.register("floor-7", StoreScript.layoutJson("floor-7"));

        assertProblem(site.http.get(site.acmeStorefront, "/v1/stores/floor-7/shoppers"), 403, "forbidden-role");
    }

    private static String reading(String plate, long ts) {
        return "{\"plate\":\"" + plate + "\",\"ts\":" + ts + ",\"grams\":8000.0}";
    }

    private static String frame(String camera, long ts) {
        return "{\"cameraId\":\"" + camera + "\",\"timestampMillis\":" + ts + ",\"persons\":[]}";
    }
}
