package io.aisle.robotics.planning;

import io.aisle.robotics.motion.Action;

/**
 * The output of one planning step: for every robot, its action and the cell and heading it reaches.
 * Buffers are reused from step to step; read them before the next {@code planStep}.
 */
public final class StepPlan {

    private final int[] nextCell;
    private final int[] nextHeading;
    private final byte[] action;

    public StepPlan(int size) {
        nextCell = new int[size];
        nextHeading = new int[size];
        action = new byte[size];
    }

    public int size() {
        return nextCell.length;
    }

    public Action action(int robot) {
        return Action.ofOrdinal(action[robot]);
    }

    public int nextCell(int robot) {
        return nextCell[robot];
    }

    public int nextHeading(int robot) {
        return nextHeading[robot];
    }

    /** Records a robot's decision; called by planners. */
    public void set(int robot, Action chosen, int cell, int heading) {
        action[robot] = (byte) chosen.ordinal();
        nextCell[robot] = cell;
        nextHeading[robot] = heading;
    }
}
