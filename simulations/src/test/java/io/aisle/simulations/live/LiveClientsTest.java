package io.aisle.simulations.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisle.simulations.store.StoreScenario;
import io.aisle.simulations.testing.RunningServing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The live store and the live warehouse, each run briefly against one real server. */
class LiveClientsTest {

    /**
     * The demo's session: nine shoppers in two minutes, entering and leaving through separate doors, so shoppers
     * enter after others have left.
     */
    private static final StoreScenario DEMO_SESSION = StoreScenario.named("standard").withMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningServing server;

    @BeforeAll
    static void startServer() throws Exception {
        assumeTrue(RunningServing.available(), "serving/target/aisle-serving.jar is not built");
        server = RunningServing.start("admin,store-device");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void storeFromCamerasChargesEveryShopperOfTheDemoSession() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LiveStore store = new LiveStore(server.base(), server.keyId(), server.secret(),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        LiveStore.Result result = store.run(DEMO_SESSION, 1, 20, true);

        String output = printed.toString(StandardCharsets.UTF_8) + result.score() + " (server log " + server.log() + ")";
        assertTrue(result.cameras() > 0, output);
        assertTrue(result.score().trueLines() > 0, output);
        assertEquals(result.score().shoppers(), result.receipts().size(), output);
        assertEquals(1.0, result.score().f1(), 1e-9, output);
        assertEquals(result.receipts().size(), output.lines().filter(line -> line.startsWith("receipt #")).count(), output);
    }

    @Test
    void warehouseFleetFinishesTasksWithoutCollisionsAndReportsTheServersCounts() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LiveWarehouse warehouse = new LiveWarehouse(server.base(), server.keyId(), server.secret(),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        LiveWarehouse.Result result = warehouse.run(new LiveWarehouse.Settings("test-warehouse", LiveWarehouse.SMALL_MAP,
                6, Duration.ofSeconds(20), 2, 50, 5));

        String output = printed.toString(StandardCharsets.UTF_8) + result + " (server log " + server.log() + ")";
        assertTrue(result.linesPicked() > 0, output);
        assertTrue(result.ordersSubmitted() > 0, output);
        assertEquals(0, result.collisions(), output);
        assertEquals(0, result.invalidMoves(), output);
        assertEquals(0, result.refusedTelemetry(), output);
        assertTrue(result.moves() > 0, output);
        assertEquals(6, result.robots(), output);
        SignedClient admin = new SignedClient(server.base(), server.keyId(), server.secret());
        JsonNode keys = JSON.readTree(admin.expectSuccess("GET", "/v1/admin/keys", null)).path("keys");
        long live = 0;
        for (JsonNode key : keys) {
            if (!key.path("revoked").asBoolean()) {
                live++;
            }
        }
        assertEquals(1, live, "only the test's own key stays live: " + keys);
        assertEquals(8, keys.size(), "one wms and six robot keys were issued: " + keys);
        assertEquals(result.linesPicked() / (double) result.ticks(), result.linesPerTick(), 1e-12);
    }
}
