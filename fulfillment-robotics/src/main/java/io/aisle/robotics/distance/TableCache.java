package io.aisle.robotics.distance;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Goal tables of an oracle, the least recently used dropped beyond a capacity. Each table remembers the
 * generation of the blocked cells it was computed for; a table of an older generation is stale and is
 * recomputed when the owner's refresh budget allows. Not thread-safe.
 */
final class TableCache {

    private final int capacity;
    private final IntFunction<char[]> search;
    private final LinkedHashMap<Integer, char[]> tables;
    private final Map<Integer, Integer> generations = new HashMap<>();

    /**
     * @param capacity tables kept; at least 1
     * @param search   computes the table of a goal
     */
    TableCache(int capacity, IntFunction<char[]> search) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 but was " + capacity);
        }
        this.capacity = capacity;
        this.search = search;
        this.tables = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, char[]> eldest) {
                if (size() > TableCache.this.capacity) {
                    generations.remove(eldest.getKey());
                    return true;
                }
                return false;
            }
        };
    }

    /** The table of a goal: searched when missing, and when stale if {@code mayRefresh} grants it. */
    char[] table(int goal, int generation, BooleanSupplier mayRefresh) {
        char[] table = tables.get(goal);
        if (table == null || (generations.get(goal) != generation && mayRefresh.getAsBoolean())) {
            table = store(goal, generation);
        }
        return table;
    }

    /** The table of a goal for this generation, searched when missing or stale. */
    char[] freshTable(int goal, int generation) {
        char[] table = tables.get(goal);
        return table != null && generations.get(goal) == generation ? table : store(goal, generation);
    }

    boolean contains(int goal) {
        return tables.containsKey(goal);
    }

    private char[] store(int goal, int generation) {
        char[] table = search.apply(goal);
        tables.put(goal, table);
        generations.put(goal, generation);
        return table;
    }
}
