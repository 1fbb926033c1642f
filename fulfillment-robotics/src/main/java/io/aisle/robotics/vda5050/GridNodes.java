package io.aisle.robotics.vda5050;

import io.aisle.robotics.map.GridMap;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The VDA 5050 node of every passable grid cell, and the map frame robots report poses in.
 *
 * <p>Node ids name the cell: {@code r3c12} is row 3, column 12. The map frame has its origin at the centre of the
 * bottom-left cell, x to the east (columns) and y to the north (rows upwards), {@code cellMeters} per cell, so
 * row 0 is the top row of the map at {@code y = (height - 1) * cellMeters}. Headings 0 east, 1 south, 2 west,
 * 3 north are the thetas 0, -π/2, π, π/2.
 */
public final class GridNodes {

    private static final Pattern NODE_ID = Pattern.compile("r(\\d{1,5})c(\\d{1,5})");

    private final GridMap map;
    private final double cellMeters;
    private final String mapId;

    /**
     * @param cellMeters the side of one cell, metres, > 0
     * @param mapId      the {@code mapId} of node positions and robot poses
     */
    public GridNodes(GridMap map, double cellMeters, String mapId) {
        if (!(cellMeters > 0) || Double.isInfinite(cellMeters)) {
            throw new IllegalArgumentException("cellMeters must be > 0 but was " + cellMeters);
        }
        this.map = map;
        this.cellMeters = cellMeters;
        this.mapId = mapId;
    }

    public String mapId() {
        return mapId;
    }

    /** The node of a cell. */
    public String nodeId(int cell) {
        return "r" + map.row(cell) + "c" + map.col(cell);
    }

    /** The cell a node id names; empty when it names none or an obstacle. */
    public OptionalInt findCell(String nodeId) {
        Matcher matcher = NODE_ID.matcher(nodeId);
        if (!matcher.matches()) {
            return OptionalInt.empty();
        }
        int row = Integer.parseInt(matcher.group(1));
        int col = Integer.parseInt(matcher.group(2));
        if (row >= map.height() || col >= map.width() || !map.isPassable(map.cell(row, col))) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(map.cell(row, col));
    }

    /** The edge between two nodes, for example {@code r3c12-r3c13}. */
    public String edgeId(int fromCell, int toCell) {
        return nodeId(fromCell) + "-" + nodeId(toCell);
    }

    /** The pose of a robot standing on a cell with a heading, as an order's node position. */
    public VdaOrder.NodePosition position(int cell, int heading) {
        return new VdaOrder.NodePosition(x(cell), y(cell), theta(heading), mapId);
    }

    /** The x of a cell's centre, metres. */
    public double x(int cell) {
        return map.col(cell) * cellMeters;
    }

    /** The y of a cell's centre, metres. */
    public double y(int cell) {
        return (map.height() - 1 - map.row(cell)) * cellMeters;
    }

    /** The theta of a grid heading, radians. */
    public static double theta(int heading) {
        return switch (heading) {
            case 0 -> 0;
            case 1 -> -Math.PI / 2;
            case 2 -> Math.PI;
            case 3 -> Math.PI / 2;
            default -> throw new IllegalArgumentException("heading must be 0..3 but was " + heading);
        };
    }

    /** The grid heading nearest to a theta in radians (any angle; a tie goes to the lower multiple of π/2). */
    public static int heading(double theta) {
        long quarterTurns = Math.round(theta / (Math.PI / 2));
        int counterclockwise = (int) Math.floorMod(quarterTurns, 4L);
        // Counterclockwise quarter turns from east: 0 east, 1 north, 2 west, 3 south.
        return switch (counterclockwise) {
            case 0 -> 0;
            case 1 -> 3;
            case 2 -> 2;
            default -> 1;
        };
    }
}
