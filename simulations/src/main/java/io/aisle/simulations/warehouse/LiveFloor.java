package io.aisle.simulations.warehouse;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.motion.ActionModel;
import java.util.Arrays;

/**
 * Where live robots physically are, with every executed move checked by a {@link StepValidator}. A robot executing a
 * command is already counted in its target cell and still occupies the cell it leaves until the move ends: entering
 * a cell another robot is still driving out of counts as an invalid move. Thread-safe: every robot thread moves
 * through it.
 */
public final class LiveFloor {

    private final int[] cell;
    private final int[] heading;
    private final int[] leavingFrom;
    private final boolean[] beingLeft;
    private final StepValidator validator;
    private long moves;

    /**
     * @param cells    each robot's cell, by robot index
     * @param headings each robot's heading
     */
    public LiveFloor(GridMap map, ActionModel model, int[] cells, int[] headings) {
        if (cells.length != headings.length) {
            throw new IllegalArgumentException(cells.length + " cells but " + headings.length + " headings");
        }
        cell = cells.clone();
        heading = headings.clone();
        leavingFrom = new int[cells.length];
        Arrays.fill(leavingFrom, -1);
        beingLeft = new boolean[map.cellCount()];
        validator = new StepValidator(map, model, c -> beingLeft[c]);
    }

    /** A robot starts an action towards a pose; the validator checks it against every other robot's cell. */
    public synchronized void startMove(int robot, Action action, int targetCell, int targetHeading) {
        Action[] actions = new Action[cell.length];
        Arrays.fill(actions, Action.WAIT);
        actions[robot] = action;
        int[] cellAfter = cell.clone();
        int[] headingAfter = heading.clone();
        cellAfter[robot] = targetCell;
        headingAfter[robot] = targetHeading;
        validator.check((int) moves++, cell, heading, actions, cellAfter, headingAfter);
        if (targetCell != cell[robot]) {
            leavingFrom[robot] = cell[robot];
            beingLeft[cell[robot]] = true;
        }
        cell[robot] = targetCell;
        heading[robot] = targetHeading;
    }

    /** The robot has left the cell it drove out of. */
    public synchronized void finishMove(int robot) {
        if (leavingFrom[robot] >= 0) {
            beingLeft[leavingFrom[robot]] = false;
            leavingFrom[robot] = -1;
        }
    }

    public synchronized int cell(int robot) {
        return cell[robot];
    }

    public synchronized int heading(int robot) {
        return heading[robot];
    }

    public synchronized long moves() {
        return moves;
    }

    public synchronized long collisions() {
        return validator.collisions();
    }

    public synchronized long invalidMoves() {
        return validator.invalidActions();
    }

    /** The validator's first finding, or null. */
    public synchronized String firstViolation() {
        return validator.firstViolation();
    }
}
