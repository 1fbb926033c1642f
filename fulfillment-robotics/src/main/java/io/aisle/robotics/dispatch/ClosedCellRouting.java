package io.aisle.robotics.dispatch;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.map.GridMap;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;

/**
 * The closed-cell phase of the dispatcher: cells an operator closed and cells a faulted robot keeps closed, both
 * obstacles to the planner through the shared {@link DistanceOracle}, and the distances the other phases decide
 * by, which route around them. A robot standing on a closed cell may still leave it.
 *
 * <p>Not thread-safe: owned by the {@link Dispatcher}, under its lock.
 */
final class ClosedCellRouting {

    static final int UNREACHABLE = DistanceOracle.UNREACHABLE;
    /** Cells searched at most for an open cell to leave a closed one by. */
    private static final int NEAREST_OPEN_SEARCH_CELLS = 4096;

    private final GridMap map;
    private final DistanceOracle oracle;
    private final RobotRoster robots;
    private final BitSet closedByOperator = new BitSet();
    private final BitSet closedByFault = new BitSet();

    ClosedCellRouting(GridMap map, DistanceOracle oracle, RobotRoster robots) {
        this.map = map;
        this.oracle = oracle;
        this.robots = robots;
    }

    /** @throws IllegalArgumentException when the cell is outside the map or an obstacle */
    static void requirePassable(GridMap map, int cell) {
        if (!map.isPassable(cell)) {
            throw new IllegalArgumentException("cell " + map.describe(cell) + " is not a passable cell");
        }
    }

    /**
     * Closes or opens an operator's cell; a command into a newly closed cell that was not delivered is withdrawn.
     * Returns whether the operator's cells changed.
     */
    boolean setClosedByOperator(int cell, boolean closed) {
        if (closedByOperator.get(cell) == closed) {
            return false;
        }
        closedByOperator.set(cell, closed);
        oracle.setBlocked(cell, closed || closedByFault.get(cell));
        if (closed) {
            for (int r = 0; r < robots.size(); r++) {
                if (robots.pending[r] != null && !robots.delivered[r] && robots.pending[r].targetCell() == cell) {
                    robots.pending[r] = null;
                }
            }
        }
        return true;
    }

    boolean isClosedByOperator(int cell) {
        return closedByOperator.get(cell);
    }

    boolean isClosedByFault(int cell) {
        return closedByFault.get(cell);
    }

    /** Whether the planner treats the cell as an obstacle. */
    boolean isBlocked(int cell) {
        return oracle.isBlocked(cell);
    }

    /** The cells an operator has closed, ascending. */
    List<Integer> operatorCells() {
        return closedByOperator.stream().boxed().toList();
    }

    /** Every closed cell, by an operator or a fault, ascending. */
    List<Integer> allCells() {
        BitSet closed = (BitSet) closedByOperator.clone();
        closed.or(closedByFault);
        return closed.stream().boxed().toList();
    }

    void closeForFault(int cell) {
        closedByFault.set(cell);
        oracle.setBlocked(cell, true);
    }

    /**
     * Opens the cells faulted robot {@code r} kept closed (its cell and a delivered command's target), except those
     * another faulted robot or an operator keeps.
     */
    void reopenFaultCells(int r) {
        int here = robots.fleet.cell(r);
        RobotCommand command = robots.deliveredCommand(r);
        int target = command != null ? command.targetCell() : GridMap.NONE;
        closedByFault.clear(here);
        if (target != GridMap.NONE) {
            closedByFault.clear(target);
        }
        for (int other = 0; other < robots.size(); other++) {
            if (other != r && robots.state[other] == RobotState.FAULTED) {
                closedByFault.set(robots.fleet.cell(other));
                RobotCommand theirs = robots.deliveredCommand(other);
                if (theirs != null) {
                    closedByFault.set(theirs.targetCell());
                }
            }
        }
        for (int cell : new int[] {here, target}) {
            if (cell != GridMap.NONE) {
                oracle.setBlocked(cell, closedByOperator.get(cell) || closedByFault.get(cell));
            }
        }
    }

    /** The goal's distance table, perhaps stale after cells closed or opened (see {@link DistanceOracle#table}). */
    char[] table(int goalCell) {
        return oracle.table(goalCell);
    }

    /** The goal's distance table as the cells stand now. */
    char[] freshTable(int goalCell) {
        return oracle.freshTable(goalCell);
    }

    /** Moves from {@code from} to an open goal cell, or UNREACHABLE; a robot on a closed cell may still leave it. */
    int distanceTo(int goalCell, int from) {
        if (goalCell == from) {
            return 0;
        }
        if (oracle.isBlocked(goalCell)) {
            return UNREACHABLE;
        }
        int d = distanceTo(oracle.table(goalCell), from);
        // A stale table may still say unreachable after a cell opened: only a fresh one may turn a goal down.
        return d != UNREACHABLE ? d : distanceTo(oracle.freshTable(goalCell), from);
    }

    /** Reads a goal's distance table from a robot's cell, leaving through an open neighbour if the cell is closed. */
    int distanceTo(char[] table, int from) {
        int d = oracle.lookup(table, from);
        if (d != UNREACHABLE || !oracle.isBlocked(from)) {
            return d;
        }
        int best = UNREACHABLE;
        for (int direction = 0; direction < GridMap.DIRECTIONS; direction++) {
            int next = map.neighbour(from, direction);
            if (next != GridMap.NONE && !oracle.isBlocked(next)) {
                int dn = oracle.lookup(table, next);
                if (dn != UNREACHABLE) {
                    best = Math.min(best, dn + 1);
                }
            }
        }
        return best;
    }

    /** The nearest open cell without a robot, for a robot standing on a closed one; NONE if there is none near. */
    int nearestOpenCell(int from) {
        ArrayDeque<Integer> frontier = new ArrayDeque<>();
        BitSet seen = new BitSet();
        frontier.add(from);
        seen.set(from);
        while (!frontier.isEmpty() && seen.cardinality() < NEAREST_OPEN_SEARCH_CELLS) {
            int cell = frontier.poll();
            if (!oracle.isBlocked(cell) && robots.robotAt[cell] < 0) {
                return cell;
            }
            for (int direction = 0; direction < GridMap.DIRECTIONS; direction++) {
                int next = map.neighbour(cell, direction);
                if (next != GridMap.NONE && !seen.get(next) && !oracle.isBlocked(next)) {
                    seen.set(next);
                    frontier.add(next);
                }
            }
        }
        return GridMap.NONE;
    }
}
