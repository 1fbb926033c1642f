package io.aisle.simulations.warehouse;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.motion.ActionModel;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Checks every step independently of the planners: each robot's action is legal from its pose under the action
 * model (recomputed here from rows and columns, not with the planners' neighbour tables), and no two robots end
 * in the same cell (vertex collision) or exchange cells (edge collision). Keeps running totals.
 *
 * <p>Not thread-safe; one benchmark loop owns it.
 */
public final class StepValidator {

    private static final int[] ROW_STEP = {0, 1, 0, -1};
    private static final int[] COL_STEP = {1, 0, -1, 0};

    private final GridMap map;
    private final ActionModel model;
    private final IntPredicate blocked;
    private final int[] occupantBefore;
    private final int[] seenAfter;
    private int stamp;
    private long collisions;
    private long invalidActions;
    private String firstViolation;

    /**
     * @param blocked cells closed by an operator or holding a faulted robot; entering one is invalid
     */
    public StepValidator(GridMap map, ActionModel model, IntPredicate blocked) {
        this.map = map;
        this.model = model;
        this.blocked = blocked;
        this.occupantBefore = new int[map.cellCount()];
        Arrays.fill(occupantBefore, -1);
        this.seenAfter = new int[map.cellCount()];
    }

    public long collisions() {
        return collisions;
    }

    public long invalidActions() {
        return invalidActions;
    }

    /** Description of the first violation found, or null. */
    public String firstViolation() {
        return firstViolation;
    }

    /**
     * Checks one transition of the whole fleet.
     *
     * @return the number of violations found in it
     */
    public int check(int step, int[] cellBefore, int[] headingBefore, Action[] actions, int[] cellAfter,
                     int[] headingAfter) {
        int n = cellBefore.length;
        int found = 0;
        stamp++;
        for (int robot = 0; robot < n; robot++) {
            occupantBefore[cellBefore[robot]] = robot;
        }
        for (int robot = 0; robot < n; robot++) {
            if (!legal(cellBefore[robot], headingBefore[robot], actions[robot], cellAfter[robot], headingAfter[robot])) {
                invalidActions++;
                found++;
                note(step, "robot " + robot + " " + actions[robot] + " from " + map.describe(cellBefore[robot])
                        + " to " + map.describe(cellAfter[robot]) + " is not a legal move");
            }
            int after = cellAfter[robot];
            if (after >= 0 && after < seenAfter.length) {
                if (seenAfter[after] == stamp) {
                    collisions++;
                    found++;
                    note(step, "vertex collision in " + map.describe(after));
                }
                seenAfter[after] = stamp;
            }
        }
        for (int robot = 0; robot < n; robot++) {
            int from = cellBefore[robot];
            int to = cellAfter[robot];
            if (from != to && to >= 0 && to < occupantBefore.length) {
                int other = occupantBefore[to];
                if (other > robot && cellAfter[other] == from) {
                    collisions++;
                    found++;
                    note(step, "edge collision: robots " + robot + " and " + other + " swap "
                            + map.describe(from) + " and " + map.describe(to));
                }
            }
        }
        for (int robot = 0; robot < n; robot++) {
            occupantBefore[cellBefore[robot]] = -1;
        }
        return found;
    }

    private void note(int step, String what) {
        if (firstViolation == null) {
            firstViolation = "step " + step + ": " + what;
        }
    }

    private boolean legal(int from, int heading, Action action, int to, int headingAfter) {
        int row = from / map.width();
        int col = from % map.width();
        int expectedHeading = heading;
        int direction = -1;
        switch (action) {
            case WAIT -> { }
            case FORWARD -> {
                if (model != ActionModel.ROTATION) {
                    return false;
                }
                direction = heading;
            }
            case CLOCKWISE, COUNTERCLOCKWISE -> {
                if (model != ActionModel.ROTATION) {
                    return false;
                }
                expectedHeading = (heading + (action == Action.CLOCKWISE ? 1 : 3)) % 4;
            }
            case EAST, SOUTH, WEST, NORTH -> {
                if (model != ActionModel.FOUR_CONNECTED) {
                    return false;
                }
                direction = action.ordinal() - Action.EAST.ordinal();
            }
            default -> {
                return false;
            }
        }
        if (model == ActionModel.ROTATION && headingAfter != expectedHeading) {
            return false;
        }
        if (direction < 0) {
            return to == from;
        }
        int r = row + ROW_STEP[direction];
        int c = col + COL_STEP[direction];
        if (r < 0 || r >= map.height() || c < 0 || c >= map.width()) {
            return false;
        }
        int expected = r * map.width() + c;
        return to == expected && map.isPassable(expected) && !blocked.test(expected);
    }
}
