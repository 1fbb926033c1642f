package io.aisle.robotics.distance;

import io.aisle.robotics.map.GridMap;
import java.util.Arrays;
import java.util.BitSet;
import java.util.function.BooleanSupplier;

/**
 * Cached true distances to goal cells. The first query for a goal runs one breadth-first search backwards
 * from it over the passable, unblocked cells (O(cells)); later queries are array lookups. Tables are 16-bit
 * and indexed by passable cells only, so a 500x140 warehouse costs about 77 KB per goal; the least recently
 * used tables are dropped beyond the capacity.
 *
 * <p>Blocking or unblocking a cell makes every cached table stale, because any distance may change. Stale
 * tables are recomputed on use, at most {@link #limitRefreshes} of them per step so that a blocked cell does
 * not stall a large fleet for one long step; until then a stale table is used (planners never enter blocked
 * cells, so a stale table only costs detours).
 *
 * <p>Not thread-safe: one owner (the planning thread) calls it.
 */
public final class DistanceOracle implements GoalDistances {

    /** Returned for cells from which the goal cannot be reached. */
    public static final int UNREACHABLE = Integer.MAX_VALUE;
    /** Table entry of a cell from which the goal cannot be reached. */
    static final char NO_PATH = Character.MAX_VALUE;

    private final GridMap map;
    private final int[] compact;
    private final BitSet blocked;
    private final TableCache tables;
    private final BooleanSupplier takeRefresh = this::takeRefresh;
    private int generation;
    private int refreshesLeft = Integer.MAX_VALUE;
    private final int[] queue;
    private long searches;

    /**
     * @param capacity number of goal tables kept; at least 1
     */
    public DistanceOracle(GridMap map, int capacity) {
        this.map = map;
        this.tables = new TableCache(capacity, this::search);
        this.compact = new int[map.cellCount()];
        int next = 0;
        for (int cell = 0; cell < compact.length; cell++) {
            compact[cell] = map.isPassable(cell) ? next++ : -1;
        }
        this.blocked = new BitSet(map.cellCount());
        this.queue = new int[map.passableCount()];
    }

    /** A capacity that fits in a share of the heap: tables for at most {@code wanted} goals. */
    public static int capacityFor(GridMap map, int wanted, long heapBytes) {
        long perTable = 2L * map.passableCount() + 64;
        long fit = Math.max(1, (heapBytes / 2) / perTable);
        return (int) Math.max(1, Math.min(wanted, fit));
    }

    public GridMap map() {
        return map;
    }

    /** Distance in moves from {@code from} to {@code goal}, or {@link #UNREACHABLE}. */
    public int distance(int goal, int from) {
        if (goal == from) {
            return 0;
        }
        return lookup(table(goal), from);
    }

    /**
     * The distance table to a goal, for hot loops that query one goal many times; read it with
     * {@link #lookup(char[], int)}. Valid until the next {@link #setBlocked} call.
     */
    @Override
    public char[] table(int goal) {
        return tables.table(goal, generation, takeRefresh);
    }

    /**
     * The table to a goal as the blocked cells are now, recomputed if it is stale whatever {@link #limitRefreshes}
     * allows: for a decision a stale table would get wrong, such as giving up a goal as unreachable. One search
     * when stale.
     */
    public char[] freshTable(int goal) {
        return tables.freshTable(goal, generation);
    }

    @Override
    public boolean isCached(int goal) {
        return tables.contains(goal);
    }

    /** Every move costs 1: these are distances in moves. */
    @Override
    public int moveCost(int cell, int direction) {
        return 1;
    }

    /** Reads a table from {@link #table}: distance from a cell, or {@link #UNREACHABLE}. */
    @Override
    public int lookup(char[] table, int from) {
        int index = compact[from];
        if (index < 0) {
            return UNREACHABLE;
        }
        char d = table[index];
        return d == NO_PATH ? UNREACHABLE : d;
    }

    /** Marks a cell as blocked (an operator closed it, or a faulted robot stands there) or open again. */
    public void setBlocked(int cell, boolean isBlocked) {
        if (blocked.get(cell) != isBlocked) {
            blocked.set(cell, isBlocked);
            generation++;
        }
    }

    /** Caps how many stale tables are recomputed until the next call; {@code Integer.MAX_VALUE} for no cap. */
    public void limitRefreshes(int perStep) {
        refreshesLeft = perStep;
    }

    /**
     * Spends one stale-table recomputation of this step's allowance; false when none is left. Oracles built on
     * this one's blocked cells draw on the same allowance.
     */
    boolean takeRefresh() {
        if (refreshesLeft <= 0) {
            return false;
        }
        refreshesLeft--;
        return true;
    }

    /** Changes whenever a cell is blocked or opened: tables of another generation are stale. */
    int generation() {
        return generation;
    }

    /** Index of a cell in the tables (passable cells only), or -1 for an obstacle. */
    int tableIndex(int cell) {
        return compact[cell];
    }

    public boolean isBlocked(int cell) {
        return blocked.get(cell);
    }

    /** Number of breadth-first searches run so far (cache misses). */
    public long searches() {
        return searches;
    }

    private char[] search(int goal) {
        searches++;
        char[] table = new char[queue.length];
        Arrays.fill(table, NO_PATH);
        if (compact[goal] < 0) {
            return table;
        }
        int head = 0;
        int tail = 0;
        table[compact[goal]] = 0;
        queue[tail++] = goal;
        while (head < tail) {
            int cell = queue[head++];
            char next = (char) (table[compact[cell]] + 1);
            for (int d = 0; d < GridMap.DIRECTIONS; d++) {
                int other = map.neighbour(cell, d);
                if (other != GridMap.NONE && table[compact[other]] == NO_PATH && !blocked.get(other)) {
                    table[compact[other]] = next;
                    queue[tail++] = other;
                }
            }
        }
        return table;
    }
}
