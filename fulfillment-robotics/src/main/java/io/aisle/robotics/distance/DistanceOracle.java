package io.aisle.robotics.distance;

import io.aisle.robotics.map.GridMap;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

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
public final class DistanceOracle {

    /** Returned for cells from which the goal cannot be reached. */
    public static final int UNREACHABLE = Integer.MAX_VALUE;
    private static final char NO_PATH = Character.MAX_VALUE;

    private final GridMap map;
    private final int[] compact;
    private final BitSet blocked;
    private final int capacity;
    private final LinkedHashMap<Integer, char[]> tables;
    private final Map<Integer, Integer> generations = new HashMap<>();
    private int generation;
    private int refreshesLeft = Integer.MAX_VALUE;
    private final int[] queue;
    private long searches;

    /**
     * @param capacity number of goal tables kept; at least 1
     */
    public DistanceOracle(GridMap map, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 but was " + capacity);
        }
        this.map = map;
        this.capacity = capacity;
        this.compact = new int[map.cellCount()];
        int next = 0;
        for (int cell = 0; cell < compact.length; cell++) {
            compact[cell] = map.isPassable(cell) ? next++ : -1;
        }
        this.blocked = new BitSet(map.cellCount());
        this.queue = new int[map.passableCount()];
        this.tables = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, char[]> eldest) {
                if (size() > DistanceOracle.this.capacity) {
                    generations.remove(eldest.getKey());
                    return true;
                }
                return false;
            }
        };
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
    public char[] table(int goal) {
        char[] table = tables.get(goal);
        if (table == null || (generations.get(goal) != generation && refreshesLeft > 0)) {
            if (table != null) {
                refreshesLeft--;
            }
            table = store(goal);
        }
        return table;
    }

    /**
     * The table to a goal as the blocked cells are now, recomputed if it is stale whatever {@link #limitRefreshes}
     * allows: for a decision a stale table would get wrong, such as giving up a goal as unreachable. One search
     * when stale.
     */
    public char[] freshTable(int goal) {
        char[] table = tables.get(goal);
        return table != null && generations.get(goal) == generation ? table : store(goal);
    }

    private char[] store(int goal) {
        char[] table = search(goal);
        tables.put(goal, table);
        generations.put(goal, generation);
        return table;
    }

    /** True when a table for this goal is cached (possibly stale), so {@link #table} needs no search. */
    public boolean isCached(int goal) {
        return tables.containsKey(goal);
    }

    /** Reads a table from {@link #table}: distance from a cell, or {@link #UNREACHABLE}. */
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
