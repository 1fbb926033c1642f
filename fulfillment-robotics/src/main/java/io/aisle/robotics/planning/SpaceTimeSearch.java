package io.aisle.robotics.planning;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.distance.GoalDistances;
import io.aisle.robotics.distance.LongMinHeap;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.ActionModel;
import java.util.Arrays;

/**
 * Windowed paths of a fleet in space and time, and A* for one robot through the states (cell, heading, step,
 * goal reached) that the others leave free. Used by {@link WindowedLnsPlanner} to re-plan a few robots against
 * the fixed paths of the rest.
 *
 * <p>Cost of a path: until the robot first stands on its goal, one per wait or turn and the move cost of the
 * tables ({@link GoalDistances#moveCost}: one, or more against a lane) per move, then nothing; a robot that has
 * not reached its goal by the end of the window adds its {@link #estimate} from the last state. A robot without
 * a goal costs nothing. With unit move costs the estimate (grid distance plus the turns needed to face a
 * neighbour on a shortest path) is a lower bound and changes by at most one per step, so A* with it is optimal
 * without reopening states; with lane costs it can exceed the true cost by one turn, which only makes A* settle
 * for a path that may cost one more.
 *
 * <p>Paths are stored as {@code window + 1} states per robot ({@code robot * (window + 1) + step}). A path
 * reserves its cell at every step; a move from u to v between steps t and t+1 is free when nobody holds v at
 * t+1 and the robot holding v at t does not hold u at t+1 (no swap). Following into a cell that is left in the
 * same step is allowed, as in the step contract of {@link PathPlanner}.
 *
 * <p>Memory: three int arrays of {@code (window + 1) * cells * 8} entries. Not thread-safe.
 */
final class SpaceTimeSearch {

    private static final int UNREACHABLE_ESTIMATE = 1 << 16;

    private final GridMap map;
    private final DistanceOracle oracle;
    private final GoalDistances costs;
    private final ActionModel model;
    private final int window;
    private final int cells;
    private final int[] occupant;
    private final int[] stateStamp;
    private final int[] parent;
    private final int[] bestCost;
    private final LongMinHeap heap = new LongMinHeap(1024);
    private int stamp;

    SpaceTimeSearch(GridMap map, DistanceOracle oracle, GoalDistances costs, ActionModel model, int window) {
        this.map = map;
        this.oracle = oracle;
        this.costs = costs;
        this.model = model;
        this.window = window;
        this.cells = map.cellCount();
        this.occupant = new int[(window + 1) * cells];
        int states = (window + 1) * cells * 8;
        this.stateStamp = new int[states];
        this.parent = new int[states];
        this.bestCost = new int[states];
    }

    int window() {
        return window;
    }

    /** Marks a path's cells as held by {@code robot}. */
    void reserve(int robot, int[] pathCells, int offset) {
        for (int t = 0; t <= window; t++) {
            occupant[t * cells + pathCells[offset + t]] = robot + 1;
        }
    }

    /** Frees the cells of a path that {@code robot} holds. */
    void release(int robot, int[] pathCells, int offset) {
        for (int t = 0; t <= window; t++) {
            int index = t * cells + pathCells[offset + t];
            if (occupant[index] == robot + 1) {
                occupant[index] = 0;
            }
        }
    }

    /** Cost of a stored path toward {@code goal} (NONE: no goal), by the rule in the class comment. */
    int cost(int[] pathCells, int[] pathHeadings, int offset, int goal, char[] table) {
        if (goal == GridMap.NONE) {
            return 0;
        }
        int sum = 0;
        for (int t = 0; t < window; t++) {
            int cell = pathCells[offset + t];
            if (cell == goal) {
                return sum;
            }
            int next = pathCells[offset + t + 1];
            sum += next == cell ? 1 : costs.moveCost(cell, map.directionTo(cell, next));
        }
        if (pathCells[offset + window] == goal) {
            return sum;
        }
        return sum + estimate(table, pathCells[offset + window], pathHeadings[offset + window]);
    }

    /** Lower bound on the cost from a pose to the goal of {@code table}: its table cost plus turns to start. */
    int estimate(char[] table, int cell, int heading) {
        int distance = costs.lookup(table, cell);
        if (distance == DistanceOracle.UNREACHABLE) {
            return UNREACHABLE_ESTIMATE;
        }
        if (distance == 0 || model != ActionModel.ROTATION) {
            return distance;
        }
        int turns = 2;
        for (int d = 0; d < GridMap.DIRECTIONS; d++) {
            int v = map.neighbour(cell, d);
            if (v != GridMap.NONE && !oracle.isBlocked(v)
                    && costs.lookup(table, v) + costs.moveCost(cell, d) == distance) {
                turns = Math.min(turns, PriorityInheritancePlanner.turnCost(heading, d));
            }
        }
        return distance + turns;
    }

    /**
     * Finds the cheapest path from a pose through the free states and writes it at {@code offset}.
     *
     * @param table         distance table of {@code goal}, or null when {@code goal} is NONE
     * @param maxExpansions states expanded before giving up
     * @return the path's cost, or -1 when no path was found within {@code maxExpansions}
     */
    int plan(int startCell, int startHeading, int goal, char[] table, int maxExpansions, int[] outCells,
             int[] outHeadings, int offset) {
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(stateStamp, 0);
            stamp = 1;
        }
        heap.clear();
        int startReached = goal == GridMap.NONE || startCell == goal ? 1 : 0;
        int start = state(0, startCell, startHeading, startReached);
        open(start, -1, 0, heuristic(table, startCell, startHeading, startReached));
        int expansions = 0;
        while (!heap.isEmpty() && expansions < maxExpansions) {
            long top = heap.pop();
            int s = (int) top;
            int f = (int) (top >>> 40);
            int reached = s & 1;
            int heading = (s >>> 1) & 3;
            int cell = (s >>> 3) % cells;
            int t = (s >>> 3) / cells;
            int g = bestCost[s];
            if (g + heuristic(table, cell, heading, reached) < f) {
                continue;
            }
            if (t == window) {
                write(s, outCells, outHeadings, offset);
                return f;
            }
            expansions++;
            int stepCost = reached == 1 ? 0 : 1;
            // Stay (wait), in both models.
            tryMove(s, t, cell, cell, heading, reached, goal, g + stepCost, table);
            if (model == ActionModel.ROTATION) {
                tryMove(s, t, cell, cell, (heading + 1) & 3, reached, goal, g + stepCost, table);
                tryMove(s, t, cell, cell, (heading + 3) & 3, reached, goal, g + stepCost, table);
                int ahead = map.neighbour(cell, heading);
                if (ahead != GridMap.NONE && !oracle.isBlocked(ahead)) {
                    tryMove(s, t, cell, ahead, heading, reached, goal, g + moveCost(reached, cell, heading), table);
                }
            } else {
                for (int d = 0; d < GridMap.DIRECTIONS; d++) {
                    int v = map.neighbour(cell, d);
                    if (v != GridMap.NONE && !oracle.isBlocked(v)) {
                        tryMove(s, t, cell, v, heading, reached, goal, g + moveCost(reached, cell, d), table);
                    }
                }
            }
        }
        return -1;
    }

    private void tryMove(int from, int t, int u, int v, int heading, int reached, int goal, int g, char[] table) {
        if (occupant[(t + 1) * cells + v] != 0) {
            return;
        }
        if (v != u) {
            int other = occupant[t * cells + v];
            if (other != 0 && occupant[(t + 1) * cells + u] == other) {
                return;
            }
        }
        int nextReached = reached == 1 || v == goal ? 1 : 0;
        int s = state(t + 1, v, heading, nextReached);
        if (stateStamp[s] == stamp && bestCost[s] <= g) {
            return;
        }
        open(s, from, g, g + heuristic(table, v, heading, nextReached));
    }

    private int moveCost(int reached, int cell, int direction) {
        return reached == 1 ? 0 : costs.moveCost(cell, direction);
    }

    private int heuristic(char[] table, int cell, int heading, int reached) {
        return reached == 1 || table == null ? 0 : estimate(table, cell, heading);
    }

    private int state(int t, int cell, int heading, int reached) {
        return ((t * cells + cell) << 3) | (heading << 1) | reached;
    }

    private void open(int s, int from, int g, int f) {
        stateStamp[s] = stamp;
        bestCost[s] = g;
        parent[s] = from;
        int t = (s >>> 3) / cells;
        // Equal f: deeper states first, so a robot with nothing left to gain reaches the window's end at once.
        heap.push(((long) f << 40) | ((long) (window - t) << 32) | (s & 0xFFFFFFFFL));
    }

    private void write(int end, int[] outCells, int[] outHeadings, int offset) {
        for (int s = end; s >= 0; s = parent[s]) {
            int t = (s >>> 3) / cells;
            outCells[offset + t] = (s >>> 3) % cells;
            outHeadings[offset + t] = (s >>> 1) & 3;
        }
    }
}
