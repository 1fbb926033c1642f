package io.aisle.robotics.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.map.MapFormatException;
import io.aisle.robotics.testing.Grids;
import io.aisle.testing.DataFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LorrProblemReaderTest {

    private final LorrProblemReader reader = new LorrProblemReader();
    private final GridMap map = Grids.of("..@", "...");

    @Test
    void readsA2023ProblemKeepingTheFirstTeamSizeStartsAndSingleErrands() {
        LorrProblem problem = reader.read(DataFiles.resource("lorr/tiny_2023.json"));
        assertEquals("tiny_2023", problem.name());
        assertEquals(40, problem.map().cellCount());
        assertArrayEquals(new int[] {0, 7, 32}, problem.starts(), "the agents file lists 4, teamSize is 3");
        assertEquals(5, problem.taskCount());
        assertArrayEquals(new int[] {9}, problem.errands(3));
        assertEquals(RulesEdition.LORR_2023, problem.edition());
        assertEquals(1, problem.numTasksReveal(), 1e-9);
        assertTrue(problem.delays().isEmpty());
    }

    @Test
    void readsA2026ProblemWithErrandSequencesCommentsAndDelays() {
        LorrProblem problem = reader.read(DataFiles.resource("lorr/tiny_2026.json"));
        assertEquals(4, problem.teamSize());
        assertEquals(3, problem.taskCount(), "the '#' line is a comment");
        assertArrayEquals(new int[] {21, 1, 26}, problem.errands(1));
        assertEquals(RulesEdition.LORR_2024, problem.edition());
        assertEquals(1.5, problem.numTasksReveal(), 1e-9);
        assertEquals(new DelayConfig(4, 2, 6, 0.01), problem.delays().orElseThrow());
    }

    @Test
    void readsThe2023ExampleWithSingleErrandTasks() {
        LorrProblem problem = reader.read(DataFiles.shared(
                "warehouse/lorr2023-example/warehouse.domain/EI23-warehouse_small_200.json"));
        assertEquals(200, problem.teamSize());
        assertEquals(20_000, problem.taskCount());
        assertEquals(RulesEdition.LORR_2023, problem.edition());
        assertEquals(853, problem.start(0));
        assertEquals(1298, problem.errand(0, 0));
    }

    @Test
    void readsThe2026ExampleWithErrandSequencesAndDelays() {
        LorrProblem problem = reader.read(DataFiles.shared(
                "warehouse/lorr2026-startkit-example/warehouse.domain/fulfill-example_2500.json"));
        assertEquals(2500, problem.teamSize());
        assertEquals(22_500, problem.taskCount());
        assertEquals(RulesEdition.LORR_2024, problem.edition());
        assertArrayEquals(new int[] {39498, 28883, 959}, problem.errands(0));
        assertEquals(1.5, problem.numTasksReveal(), 1e-9);
        assertEquals(0.003, problem.delays().orElseThrow().eventProbability(), 1e-12);
    }

    @Test
    void refusesAStartOnAnObstacleNamingTheLine() {
        MapFormatException e = assertThrows(MapFormatException.class,
                () -> reader.readAgents("a.agents", "2\n0\n2\n", map, 2));
        assertEquals(3, e.lineNumber());
        assertTrue(e.getMessage().contains("obstacle"), e.getMessage());
    }

    @Test
    void refusesDuplicateStartsNamingTheLine() {
        MapFormatException e = assertThrows(MapFormatException.class,
                () -> reader.readAgents("a.agents", "# comment\n2\n4\n4\n", map, 2));
        assertEquals(4, e.lineNumber());
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
    }

    @Test
    void refusesFewerAgentsThanTheTeamSize() {
        MapFormatException e = assertThrows(MapFormatException.class,
                () -> reader.readAgents("a.agents", "1\n0\n", map, 2));
        assertTrue(e.getMessage().contains("teamSize"), e.getMessage());
    }

    @Test
    void refusesAGoalOutOfRangeNamingLineAndErrand() {
        MapFormatException e = assertThrows(MapFormatException.class,
                () -> reader.readTasks("t.tasks", "2\n0,1\n3,60\n", map));
        assertEquals(3, e.lineNumber());
        assertTrue(e.getMessage().contains("errand 2") && e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test
    void refusesATaskCountThatDisagreesWithTheLines() {
        MapFormatException e = assertThrows(MapFormatException.class,
                () -> reader.readTasks("t.tasks", "3\n0\n1\n", map));
        assertEquals(1, e.lineNumber());
    }

    @Test
    void refusesANonNumericErrand() {
        MapFormatException e = assertThrows(MapFormatException.class,
                () -> reader.readTasks("t.tasks", "1\n0,x\n", map));
        assertEquals(2, e.lineNumber());
    }

    @Test
    void refusesAProblemJsonWithoutTeamSize(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("m.map"), "height 1\nwidth 2\nmap\n..\n");
        Files.writeString(dir.resolve("p.json"), "{\"mapFile\":\"m.map\",\"agentFile\":\"a\",\"taskFile\":\"t\"}");
        MapFormatException e = assertThrows(MapFormatException.class, () -> reader.read(dir.resolve("p.json")));
        assertTrue(e.getMessage().contains("teamSize"), e.getMessage());
    }

    @Test
    void refusesBrokenJsonNamingTheLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("p.json"), "{\n\"mapFile\": \"m.map\",\n\"teamSize\" 3\n}");
        MapFormatException e = assertThrows(MapFormatException.class, () -> reader.read(dir.resolve("p.json")));
        assertEquals(3, e.lineNumber());
    }

    @Test
    void refusesADelayConfigWithMinAboveMax(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("m.map"), "height 1\nwidth 3\nmap\n...\n");
        Files.writeString(dir.resolve("a.agents"), "1\n0\n");
        Files.writeString(dir.resolve("t.tasks"), "1\n2\n");
        Files.writeString(dir.resolve("p.json"), "{\"mapFile\":\"m.map\",\"agentFile\":\"a.agents\",\"teamSize\":1,"
                + "\"taskFile\":\"t.tasks\",\"delayConfig\":{\"minDelay\":5,\"maxDelay\":2}}");
        MapFormatException e = assertThrows(MapFormatException.class, () -> reader.read(dir.resolve("p.json")));
        assertTrue(e.getMessage().contains("delayConfig"), e.getMessage());
    }
}
