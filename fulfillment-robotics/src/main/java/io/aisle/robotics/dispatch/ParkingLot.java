package io.aisle.robotics.dispatch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * The parking phase of the dispatcher: cells an operator set aside for idle robots, so robots without work leave
 * the aisles, and which robot each is kept for. A robot keeps its claim while idle and gives it up when it takes a
 * task, goes to charge, faults or leaves the fleet. Claims are by robot id, so they survive a change of the
 * dispatcher's robot order; they are not checkpointed (the next tick claims again), the cells are.
 *
 * <p>Not thread-safe: owned by the {@link Dispatcher}, under its lock.
 */
final class ParkingLot {

    private final TreeSet<Integer> cells = new TreeSet<>();
    private final Map<Integer, String> claimedBy = new HashMap<>();
    private final Map<String, Integer> claimOf = new HashMap<>();

    /** Adds or removes a parking cell; returns whether that changed anything. A removed cell's robot must move. */
    boolean set(int cell, boolean parking) {
        if (!parking) {
            String robot = claimedBy.remove(cell);
            if (robot != null) {
                claimOf.remove(robot);
            }
            return cells.remove(cell);
        }
        return cells.add(cell);
    }

    boolean isParking(int cell) {
        return cells.contains(cell);
    }

    /** The parking cells, ascending. */
    List<Integer> cells() {
        return List.copyOf(cells);
    }

    /** The cell kept for a robot, or -1. */
    int claimOf(String robotId) {
        return claimOf.getOrDefault(robotId, -1);
    }

    /**
     * Keeps the nearest usable parking cell for an idle robot, or the one it already has; -1 when none is left.
     * O(parking cells) distance lookups.
     *
     * @param distance moves from the robot to a cell, {@link io.aisle.robotics.distance.DistanceOracle#UNREACHABLE}
     *                 when no route reaches it
     * @param usable   whether a cell is open and free of other robots
     */
    int claim(String robotId, IntUnaryOperator distance, IntPredicate usable) {
        Integer kept = claimOf.get(robotId);
        if (kept != null && usable.test(kept)) {
            return kept;
        }
        release(robotId);
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (int cell : cells) {
            if (claimedBy.containsKey(cell) || !usable.test(cell)) {
                continue;
            }
            int d = distance.applyAsInt(cell);
            if (d < bestDistance && d != io.aisle.robotics.distance.DistanceOracle.UNREACHABLE) {
                best = cell;
                bestDistance = d;
            }
        }
        if (best >= 0) {
            claimedBy.put(best, robotId);
            claimOf.put(robotId, best);
        }
        return best;
    }

    void release(String robotId) {
        Integer cell = claimOf.remove(robotId);
        if (cell != null) {
            claimedBy.remove(cell);
        }
    }
}
