package io.aisle.robotics.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.map.MapFormatException;
import io.aisle.robotics.map.MovingAiMapReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Reads a League of Robot Runners problem: the JSON file, then the map, agents and task files it names
 * (paths relative to the JSON file). Agents files hold a count then one start cell per line; task files
 * hold a count then one task per line, a comma-separated list of errand cells (one cell in 2023 files).
 * Lines starting with {@code #} are comments. Every inconsistency is refused with the file and line.
 */
public final class LorrProblemReader {

    private final ObjectMapper json = new ObjectMapper();
    private final MovingAiMapReader mapReader = new MovingAiMapReader();

    /** Reads the problem named by a LoRR JSON file. */
    public LorrProblem read(Path problemFile) {
        String source = problemFile.getFileName().toString();
        JsonNode root;
        try {
            root = json.readTree(Files.readString(problemFile, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new MapFormatException(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read problem " + problemFile, e);
        }
        if (root == null || !root.isObject()) {
            throw new MapFormatException(source, 1, "expected a JSON object");
        }
        Path base = problemFile.toAbsolutePath().getParent();
        GridMap map = mapReader.read(base.resolve(requiredText(root, "mapFile", source)));
        int teamSize = requiredInt(root, "teamSize", source);
        if (teamSize < 1) {
            throw new MapFormatException(source, 0, "teamSize must be >= 1 but was " + teamSize);
        }
        double reveal = root.has("numTasksReveal") ? root.get("numTasksReveal").asDouble(1) : 1;
        if (!(reveal > 0)) {
            throw new MapFormatException(source, 0, "numTasksReveal must be > 0 but was " + reveal);
        }
        Path agentFile = base.resolve(requiredText(root, "agentFile", source));
        Path taskFile = base.resolve(requiredText(root, "taskFile", source));
        int[] starts = readAgents(agentFile.getFileName().toString(), readText(agentFile), map, teamSize);
        int[][] tasks = readTasks(taskFile.getFileName().toString(), readText(taskFile), map);
        boolean sequences = root.has("version") || root.has("agentCounter") || hasMultiErrandTask(tasks);
        DelayConfig delays = null;
        JsonNode delay = root.get("delayConfig");
        if (delay != null && delay.isObject()) {
            try {
                delays = new DelayConfig(delay.path("seed").asLong(0), delay.path("minDelay").asInt(2),
                        delay.path("maxDelay").asInt(8), delay.path("pDelay").asDouble(0.003));
            } catch (IllegalArgumentException e) {
                throw new MapFormatException(source, 0, "delayConfig: " + e.getMessage());
            }
        }
        String name = source.endsWith(".json") ? source.substring(0, source.length() - 5) : source;
        return new LorrProblem(name, map, starts, tasks, reveal,
                sequences ? RulesEdition.LORR_2024 : RulesEdition.LORR_2023, delays);
    }

    private static boolean hasMultiErrandTask(int[][] tasks) {
        for (int[] task : tasks) {
            if (task.length > 1) {
                return true;
            }
        }
        return false;
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String requiredText(JsonNode root, String field, String source) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new MapFormatException(source, 0, "field '" + field + "' must be a non-empty string");
        }
        return node.asText();
    }

    private static int requiredInt(JsonNode root, String field, String source) {
        JsonNode node = root.get(field);
        if (node == null || !node.canConvertToInt()) {
            throw new MapFormatException(source, 0, "field '" + field + "' must be an integer");
        }
        return node.asInt();
    }

    /**
     * Parses an agents file and keeps the first {@code teamSize} starts. Refuses starts outside the map,
     * on obstacles, or shared by two agents.
     */
    public int[] readAgents(String source, String text, GridMap map, int teamSize) {
        List<NumberedLine> lines = contentLines(source, text);
        int count = countHeader(source, lines);
        if (count < teamSize) {
            throw new MapFormatException(source, lines.get(0).number(),
                    "count " + count + " is less than teamSize " + teamSize);
        }
        if (lines.size() - 1 < teamSize) {
            throw new MapFormatException(source, 0, "expected " + teamSize + " start cells but found " + (lines.size() - 1));
        }
        int[] starts = new int[teamSize];
        BitSet taken = new BitSet(map.cellCount());
        for (int agent = 0; agent < teamSize; agent++) {
            NumberedLine line = lines.get(agent + 1);
            int cell = parseCell(source, line.number(), line.text().trim(), map, "start");
            if (taken.get(cell)) {
                throw new MapFormatException(source, line.number(), "duplicate start cell " + map.describe(cell));
            }
            taken.set(cell);
            starts[agent] = cell;
        }
        return starts;
    }

    /** Parses a task file: a count, then one comma-separated errand list per line. */
    public int[][] readTasks(String source, String text, GridMap map) {
        List<NumberedLine> lines = contentLines(source, text);
        int count = countHeader(source, lines);
        if (lines.size() - 1 != count) {
            throw new MapFormatException(source, lines.get(0).number(),
                    "count says " + count + " tasks but the file has " + (lines.size() - 1));
        }
        if (count < 1) {
            throw new MapFormatException(source, lines.get(0).number(), "a task file needs at least one task");
        }
        int[][] tasks = new int[count][];
        for (int t = 0; t < count; t++) {
            NumberedLine line = lines.get(t + 1);
            String[] parts = line.text().split(",");
            int[] errands = new int[parts.length];
            for (int k = 0; k < parts.length; k++) {
                errands[k] = parseCell(source, line.number(), parts[k].trim(), map, "errand " + (k + 1));
            }
            tasks[t] = errands;
        }
        return tasks;
    }

    private static int parseCell(String source, int lineNumber, String text, GridMap map, String what) {
        int cell;
        try {
            cell = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new MapFormatException(source, lineNumber, what + " is not a cell number: '" + text + "'");
        }
        if (!map.contains(cell)) {
            throw new MapFormatException(source, lineNumber, what + " cell " + cell + " is out of range [0, "
                    + map.cellCount() + ") of map " + map.name());
        }
        if (!map.isPassable(cell)) {
            throw new MapFormatException(source, lineNumber, what + " cell " + map.describe(cell) + " is an obstacle");
        }
        return cell;
    }

    private static int countHeader(String source, List<NumberedLine> lines) {
        if (lines.isEmpty()) {
            throw new MapFormatException(source, 0, "empty file: expected a count on the first line");
        }
        NumberedLine first = lines.get(0);
        try {
            int count = Integer.parseInt(first.text().trim());
            if (count < 0) {
                throw new MapFormatException(source, first.number(), "count must be >= 0 but was " + count);
            }
            return count;
        } catch (NumberFormatException e) {
            throw new MapFormatException(source, first.number(), "count is not a number: '" + first.text().trim() + "'");
        }
    }

    private static List<NumberedLine> contentLines(String source, String text) {
        List<NumberedLine> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new StringReader(text))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String trimmed = line.trim();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    lines.add(new NumberedLine(number, trimmed));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        return lines;
    }

    private record NumberedLine(int number, String text) {
    }

    /** Reads a map from text, for callers holding the map in memory. */
    public GridMap readMap(String source, Reader text) throws IOException {
        return mapReader.read(source, text);
    }
}
