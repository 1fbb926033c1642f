package io.aisle.simulations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCommandsTest {

    @TempDir
    Path dir;

    private static int run(String... args) {
        return SimulationsCli.commandLine().execute(args);
    }

    @Test
    void benchStoreFromCamerasRunsTheCameraChain() throws IOException {
        Path report = dir.resolve("cameras.json");

        assertEquals(0, SimulationsCli.commandLine().execute(SimulationsCli.withAliases(new String[] {
                "bench", "store", "--from-cameras", "--scenario", "standard", "--minutes", "0.3", "--seed", "2",
                "--no-vision", "--report", report.toString()})));

        JsonNode figures = new ObjectMapper().readTree(Files.readString(report));
        assertEquals("cameras", figures.get("observations_from").asText(), figures.toString());
        assertTrue(figures.get("tracking_idf1").asDouble() > 0.5, figures.toString());
        assertTrue(figures.has("f1"), figures.toString());
    }

    @Test
    void benchOfARecordedLogReportsTheSameFiguresAsTheLiveRun() throws IOException {
        Path log = dir.resolve("s.log");
        Path live = dir.resolve("live.json");
        Path replayed = dir.resolve("replayed.json");
        String[] session = {"--scenario", "standard", "--minutes", "0.3", "--plates", "16", "--seed", "9"};

        assertEquals(0, run(concat(new String[] {"simulate", "store", "--out", log.toString()}, session)));
        assertEquals(0, run(concat(new String[] {"bench", "store", "--report", live.toString()}, session)));
        assertEquals(0, run("bench", "store", "--log", log.toString(), "--report", replayed.toString()));

        JsonNode a = new ObjectMapper().readTree(Files.readString(live));
        JsonNode b = new ObjectMapper().readTree(Files.readString(replayed));
        for (String key : List.of("exact_receipt_rate", "f1", "precision", "recall", "review_rate",
                "wrong_charge_rate", "receipt_latency_p95_ms")) {
            assertEquals(a.get(key), b.get(key), key);
        }
        assertTrue(a.get("speed_x_realtime").isNumber());
    }

    @Test
    void refusesAnUnknownScenarioWithAUsageError() {
        assertEquals(2, run("bench", "store", "--scenario", "busy"));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
