package io.aisle.robotics.distance;

import io.aisle.robotics.map.GridMap;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Cached distances to goal cells on a grid of one-way lanes that may be driven the wrong way at a price: even
 * rows run east, odd rows west, even columns south, odd columns north, and a move against its lane costs
 * {@code 1 + penalty} instead of 1. Guiding robots by these costs instead of true distances sorts the traffic
 * into opposite streams a row or a column apart, so robots meet head-on less often; a static penalty added to
 * true distances does not, because the heuristic's gradient then still points against the lanes.
 *
 * <p>Example, penalty 4, on an open 3 x 3 grid: from (row 0, col 2) to (row 0, col 0) the straight way runs
 * twice against row 0's eastward lane (cost 10); the way down column 2 (south, with its lane), west along row 1
 * (with its lane) and up column 0 (north, against even column 0's southward lane) costs 1 + 2 + 5 = 8.
 *
 * <p>Tables are computed by one backward Dijkstra search per goal (O(cells log cells)) over the passable cells
 * that the underlying {@link DistanceOracle} does not block, cached like its tables (16-bit, least recently
 * used dropped beyond the capacity, stale after a cell is blocked or opened and refreshed within the same
 * per-step allowance), and read with the same indexing. Costs are capped below
 * {@link DistanceOracle#UNREACHABLE}'s 16-bit marker.
 *
 * <p>Not thread-safe: one owner (the planning thread) calls it.
 */
public final class LaneDistanceOracle implements GoalDistances {

    private static final int MAX_COST = DistanceOracle.NO_PATH - 1;

    private final DistanceOracle distances;
    private final GridMap map;
    private final int penalty;
    private final TableCache tables;
    private final BooleanSupplier takeRefresh;
    private final LongMinHeap heap;
    private final int[] best;
    private long searches;

    /**
     * @param distances true distances: its map, blocked cells and refresh allowance are used
     * @param penalty   extra cost of a move against its lane; at least 1
     * @param capacity  number of goal tables kept; at least 1
     */
    public LaneDistanceOracle(DistanceOracle distances, int penalty, int capacity) {
        if (penalty < 1) {
            throw new IllegalArgumentException("penalty must be >= 1 but was " + penalty);
        }
        this.distances = distances;
        this.map = distances.map();
        this.penalty = penalty;
        this.tables = new TableCache(capacity, this::search);
        this.takeRefresh = distances::takeRefresh;
        this.heap = new LongMinHeap(Math.max(1, map.passableCount()));
        this.best = new int[map.cellCount()];
    }

    /**
     * The lane penalty for a floor as crowded as {@code robots / freeCells}: 0 (no lanes) below 0.2 robots per
     * free cell, 1 below 0.4, 4 from there. Chosen on the LoRR 2023 main round with PIBT and its windowed search
     * (no held-out instances): random-32-32-20 was best without lanes at 100 robots on 819 free cells (0.12), at
     * penalty 1 with 200 (0.24) and at 4 with 400, 600 and 800 (0.49 to 0.98). It does not carry over to other
     * maps: on the city map Paris_1_256 lanes 4 finished more tasks than none at 0.03 and 0.06, where this rule
     * says 0.
     *
     * @param robots    fleet size; at least 0
     * @param freeCells passable cells of the map; at least 1
     */
    public static int penaltyFor(int robots, int freeCells) {
        if (robots < 0 || freeCells < 1) {
            throw new IllegalArgumentException("robots must be >= 0 and freeCells >= 1 but were " + robots
                    + " and " + freeCells);
        }
        double robotsPerFreeCell = (double) robots / freeCells;
        return robotsPerFreeCell < 0.2 ? 0 : robotsPerFreeCell < 0.4 ? 1 : 4;
    }

    /** Whether a move from {@code cell} in {@code direction} (0 east .. 3 north) runs against its lane. */
    public boolean isAgainstLane(int cell, int direction) {
        return switch (direction) {
            case 0 -> map.row(cell) % 2 != 0;
            case 1 -> map.col(cell) % 2 != 0;
            case 2 -> map.row(cell) % 2 == 0;
            case 3 -> map.col(cell) % 2 == 0;
            default -> throw new IllegalArgumentException("direction must be in [0, 3] but was " + direction);
        };
    }

    /** 1 with the lane, {@code 1 + penalty} against it. */
    @Override
    public int moveCost(int cell, int direction) {
        return isAgainstLane(cell, direction) ? 1 + penalty : 1;
    }

    @Override
    public char[] table(int goal) {
        return tables.table(goal, distances.generation(), takeRefresh);
    }

    @Override
    public boolean isCached(int goal) {
        return tables.contains(goal);
    }

    @Override
    public int lookup(char[] table, int from) {
        return distances.lookup(table, from);
    }

    /** Cost from {@code from} to {@code goal}, or {@link DistanceOracle#UNREACHABLE}. */
    public int cost(int goal, int from) {
        return lookup(table(goal), from);
    }

    /** Number of Dijkstra searches run so far (cache misses and refreshes). */
    public long searches() {
        return searches;
    }

    private char[] search(int goal) {
        searches++;
        char[] table = new char[map.passableCount()];
        Arrays.fill(table, DistanceOracle.NO_PATH);
        if (!map.isPassable(goal)) {
            return table;
        }
        Arrays.fill(best, Integer.MAX_VALUE);
        heap.clear();
        best[goal] = 0;
        heap.push(goal);
        while (!heap.isEmpty()) {
            long top = heap.pop();
            int cell = (int) top;
            int cost = (int) (top >>> 32);
            if (cost > best[cell]) {
                continue;
            }
            table[distances.tableIndex(cell)] = (char) Math.min(cost, MAX_COST);
            // Backwards: a robot on a neighbour u reaches this cell by moving from u toward it.
            for (int d = 0; d < GridMap.DIRECTIONS; d++) {
                int u = map.neighbour(cell, d);
                if (u == GridMap.NONE || distances.isBlocked(u)) {
                    continue;
                }
                int next = cost + moveCost(u, (d + 2) & 3);
                if (next < best[u]) {
                    best[u] = next;
                    heap.push(((long) next << 32) | u);
                }
            }
        }
        return table;
    }
}
