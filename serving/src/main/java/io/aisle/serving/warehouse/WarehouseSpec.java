package io.aisle.serving.warehouse;

import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.map.MapFormatException;
import io.aisle.robotics.map.MovingAiMapReader;
import io.aisle.robotics.motion.ActionModel;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A warehouse registration, as sent to {@code PUT /v1/admin/warehouses/{w}}:
 * <pre>{@code
 * {"map": "type octile\nheight 6\nwidth 8\nmap\n........\n...",
 *  "robots": [{"id": "r-1", "cell": 9}, {"id": "r-2", "cell": 14}],
 *  "actionModel": "four-connected", "skuCount": 20, "skusPerPod": 4, "serviceSteps": 2,
 *  "chargers": 1, "seed": 1}
 * }</pre>
 * {@code map} is a MovingAI map; its layout is derived by {@link WarehouseLayout#derive} (LoRR 'S' storage and
 * 'E' station cells, or else storage next to obstacles and stations on the border rows). Cells are
 * {@code row * width + col}; robots start facing east. All fields but {@code map} and {@code robots} are
 * optional, with the defaults above ({@code skuCount} 100).
 *
 * @param mapText      the MovingAI map text
 * @param map          the parsed map
 * @param robots       robot ids and start cells, at least one
 * @param actionModel  the robots' action model
 * @param skuCount     SKUs {@code sku-0 .. sku-(skuCount-1)} spread over the pods
 * @param skusPerPod   SKUs on each pod
 * @param serviceSteps ticks a pick takes at a station
 * @param chargers     charging cells
 * @param seed         seeds the pod contents and the planner's tie-breaking
 */
public record WarehouseSpec(String mapText, GridMap map, List<RobotStart> robots, ActionModel actionModel, int skuCount,
                            int skusPerPod, int serviceSteps, int chargers, long seed) {

    /** The most robots one warehouse may register. */
    public static final int MAX_ROBOTS = 1_000;
    /** Robot ids are safe in paths. */
    public static final Pattern ROBOT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A robot and its confirmed start cell. */
    public record RobotStart(String id, int cell) {
    }

    public WarehouseSpec {
        robots = List.copyOf(robots);
    }

    /** Whether both register the same warehouse (the parsed map is derived from {@code mapText}). */
    public boolean sameRegistration(WarehouseSpec other) {
        return mapText.equals(other.mapText) && robots.equals(other.robots) && actionModel == other.actionModel
                && skuCount == other.skuCount && skusPerPod == other.skusPerPod && serviceSteps == other.serviceSteps
                && chargers == other.chargers && seed == other.seed;
    }

    /**
     * Reads and checks a registration.
     *
     * @throws IllegalArgumentException naming the field (and the map line) of anything malformed or inconsistent
     */
    public static WarehouseSpec parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object with fields 'map' and 'robots'");
        }
        JsonNode mapNode = root.get("map");
        if (mapNode == null || !mapNode.isString() || mapNode.asString().isBlank()) {
            throw new IllegalArgumentException("field 'map' must be the text of a MovingAI map");
        }
        String mapText = mapNode.asString();
        GridMap map;
        try {
            map = new MovingAiMapReader().read("map", new StringReader(mapText));
        } catch (MapFormatException e) {
            throw new IllegalArgumentException("field 'map': " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ActionModel model = actionModel(root.get("actionModel"));
        int skuCount = intField(root, "skuCount", 100, 1, 1_000_000);
        int skusPerPod = intField(root, "skusPerPod", 4, 1, 1_000);
        int serviceSteps = intField(root, "serviceSteps", 3, 1, 10_000);
        int chargers = intField(root, "chargers", 1, 0, 10_000);
        long seed = root.has("seed") ? longField(root, "seed") : 1;
        List<RobotStart> robots = robots(root.get("robots"), map);
        return new WarehouseSpec(mapText, map, robots, model, skuCount, skusPerPod, serviceSteps, chargers, seed);
    }

    /**
     * The layout derived from the map.
     *
     * @throws IllegalArgumentException when the map gives no pod, no station, or a robot starts on a station
     */
    public WarehouseLayout layout() {
        WarehouseLayout layout = WarehouseLayout.derive(map, skuCount, skusPerPod, serviceSteps, chargers, seed);
        if (layout.pods().isEmpty()) {
            throw new IllegalArgumentException("field 'map' has no storage cell ('S', or a free cell next to an obstacle)");
        }
        if (layout.stations().isEmpty()) {
            throw new IllegalArgumentException("field 'map' has no station cell ('E', or a free cell on the top or bottom row)");
        }
        return layout;
    }

    private static List<RobotStart> robots(JsonNode node, GridMap map) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("field 'robots' must be a non-empty array of {\"id\",\"cell\"}");
        }
        if (node.size() > MAX_ROBOTS) {
            throw new IllegalArgumentException("field 'robots' must have at most " + MAX_ROBOTS + " robots but has " + node.size());
        }
        List<RobotStart> robots = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<Integer> cells = new HashSet<>();
        for (int k = 0; k < node.size(); k++) {
            String field = "robots[" + k + "]";
            JsonNode robot = node.get(k);
            if (!robot.isObject()) {
                throw new IllegalArgumentException("field '" + field + "' must be an object {\"id\",\"cell\"}");
            }
            JsonNode id = robot.get("id");
            if (id == null || !id.isString() || !ROBOT_ID.matcher(id.asString()).matches()) {
                throw new IllegalArgumentException("field '" + field + ".id' must match " + ROBOT_ID);
            }
            if (!ids.add(id.asString())) {
                throw new IllegalArgumentException("field '" + field + ".id' repeats robot " + id.asString());
            }
            JsonNode cellNode = robot.get("cell");
            if (cellNode == null || !cellNode.isIntegralNumber() || !cellNode.canConvertToInt()) {
                throw new IllegalArgumentException("field '" + field + ".cell' must be an integer (row * width + col)");
            }
            int cell = cellNode.intValue();
            if (cell < 0 || cell >= map.cellCount() || !map.isPassable(cell)) {
                throw new IllegalArgumentException("field '" + field + ".cell' must be a passable cell in [0, "
                        + map.cellCount() + ") but was " + cell);
            }
            if (!cells.add(cell)) {
                throw new IllegalArgumentException("field '" + field + ".cell' " + cell + " is another robot's start");
            }
            robots.add(new RobotStart(id.asString(), cell));
        }
        return robots;
    }

    private static ActionModel actionModel(JsonNode node) {
        if (node == null) {
            return ActionModel.FOUR_CONNECTED;
        }
        String text = node.isString() ? node.asString().toLowerCase(Locale.ROOT) : "";
        return switch (text) {
            case "four-connected" -> ActionModel.FOUR_CONNECTED;
            case "rotation" -> ActionModel.ROTATION;
            default -> throw new IllegalArgumentException("field 'actionModel' must be \"four-connected\" or \"rotation\"");
        };
    }

    private static int intField(JsonNode root, String name, int defaultValue, int min, int max) {
        JsonNode node = root.get(name);
        if (node == null) {
            return defaultValue;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw new IllegalArgumentException("field '" + name + "' must be an integer in [" + min + ", " + max
                    + "] but was " + node);
        }
        return node.intValue();
    }

    private static long longField(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException("field '" + name + "' must be an integer but was " + node);
        }
        return node.longValue();
    }
}
