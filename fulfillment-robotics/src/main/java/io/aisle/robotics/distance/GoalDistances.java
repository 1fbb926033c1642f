package io.aisle.robotics.distance;

/**
 * Cached distance tables to goal cells, as a planner reads them: one table per goal, then array lookups. Both
 * {@link DistanceOracle} (true distances) and {@link LaneDistanceOracle} (distances on a direction-weighted grid)
 * provide them. Not thread-safe: one owner (the planning thread) calls it.
 */
public interface GoalDistances {

    /**
     * The table to a goal, computed on the first call; read it with {@link #lookup(char[], int)}. Valid until
     * the blocked cells change.
     */
    char[] table(int goal);

    /** True when a table for this goal is cached (possibly stale), so {@link #table} needs no search. */
    boolean isCached(int goal);

    /**
     * Cost of one move from {@code cell} toward {@code direction} (0 east .. 3 north) in the graph these tables
     * measure; at least 1. The tables hold the cheapest sums of these costs.
     */
    int moveCost(int cell, int direction);

    /** Reads a table from {@link #table}: cost from a cell to the goal, or {@link DistanceOracle#UNREACHABLE}. */
    int lookup(char[] table, int from);
}
