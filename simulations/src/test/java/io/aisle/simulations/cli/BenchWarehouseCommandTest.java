package io.aisle.simulations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisle.robotics.distance.LaneDistanceOracle;
import io.aisle.robotics.problem.LorrProblem;
import io.aisle.robotics.problem.LorrProblemReader;
import io.aisle.testing.DataFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchWarehouseCommandTest {

    @Test
    void writesAReportWithTheKeysTheIssueNamesAndExitsZeroWithoutCollisions(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        int exit = SimulationsCli.commandLine().execute("bench", "warehouse", "--problem",
                DataFiles.resource("warehouse/aisles_10.json").toString(),
                "--ticks", "60", "--seed", "3", "--report", report.toString());
        assertEquals(0, exit);
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        for (String key : new String[] {"tasks_finished", "errands_finished", "collisions", "invalid_actions",
                "plan_ms_p99", "baseline_tasks_finished"}) {
            assertTrue(json.has(key), "missing " + key);
        }
        assertEquals("rotation", json.get("action_model").asText(), "LoRR problems run under LoRR rules");
        assertEquals(0, json.get("collisions").asLong());
    }

    @Test
    void runsTheLorr2023ExampleWithoutCollisions(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        int exit = SimulationsCli.commandLine().execute("bench", "warehouse", "--problem",
                DataFiles.shared("warehouse/lorr2023-example/warehouse.domain/EI23-warehouse_small_10.json").toString(),
                "--ticks", "60", "--seed", "3", "--no-baseline", "--report", report.toString());
        assertEquals(0, exit);
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertEquals(0, json.get("collisions").asLong() + json.get("invalid_actions").asLong());
        assertTrue(json.get("tasks_finished").asLong() > 0, json.toString());
    }

    @Test
    void refusesLanesForThePlannersThatWouldIgnoreThem() {
        String problem = DataFiles.resource("warehouse/aisles_10.json").toString();
        assertEquals(2, SimulationsCli.commandLine().execute("bench", "warehouse", "--problem", problem,
                "--lanes", "2"), "the default --lookahead planner has no lanes");
        assertEquals(2, SimulationsCli.commandLine().execute("bench", "warehouse", "--problem", problem,
                "--lanes", "2", "--unguided"));
        assertEquals(2, SimulationsCli.commandLine().execute("bench", "warehouse", "--problem", problem,
                "--lanes", "-1", "--lns-ms", "5"));
        assertEquals(2, SimulationsCli.commandLine().execute("bench", "warehouse", "--problem", problem,
                "--lanes", "some", "--lns-ms", "5"));
        assertEquals(2, SimulationsCli.commandLine().execute("bench", "warehouse", "--problem", problem,
                "--lanes", "auto"), "auto is refused where a penalty would be");
    }

    @Test
    void choosesLanesFromHowCrowdedTheFloorIsWhenAskedForAuto(@TempDir Path dir) throws Exception {
        Path problem = DataFiles.resource("warehouse/aisles_10.json");
        Path report = dir.resolve("report.json");
        int exit = SimulationsCli.commandLine().execute("bench", "warehouse", "--problem", problem.toString(),
                "--ticks", "20", "--no-baseline", "--lns-ms", "5", "--lanes", "auto", "--report", report.toString());
        assertEquals(0, exit);
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        LorrProblem lorr = new LorrProblemReader().read(problem);
        assertTrue(json.get("lanes_auto").asBoolean(), json.toString());
        assertEquals(LaneDistanceOracle.penaltyFor(lorr.teamSize(), lorr.map().passableCount()),
                json.get("lanes").asInt());
    }

    @Test
    void refusesAnUnknownActionModel() {
        int exit = SimulationsCli.commandLine().execute("bench", "warehouse", "--map",
                DataFiles.resource("warehouse/maps/aisles.map").toString(), "--robots", "5", "--model", "hex");
        assertEquals(2, exit);
    }
}
