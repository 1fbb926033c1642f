package io.aisle.robotics.planning;

import io.aisle.robotics.map.GridMap;
import java.util.Arrays;

/**
 * The robots a planner moves: cell, heading and goal of each, in primitive arrays so a 10,000-robot step
 * allocates nothing. A robot may be <em>held</em>: its last command is not confirmed yet (it is delayed), so
 * it may be in its cell or in the held target at the end of the step, and the planner keeps both free of
 * other robots.
 *
 * <p>Mutable and not thread-safe: one owner (the simulator or the dispatcher tick) changes it between steps.
 */
public final class Fleet {

    private final int[] cell;
    private final int[] heading;
    private final int[] goal;
    private final int[] heldTarget;

    /** A fleet of {@code size} robots, all at cell 0 heading east, without goals; set them before planning. */
    public Fleet(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0 but was " + size);
        }
        cell = new int[size];
        heading = new int[size];
        goal = new int[size];
        heldTarget = new int[size];
        Arrays.fill(goal, GridMap.NONE);
        Arrays.fill(heldTarget, GridMap.NONE);
    }

    /** A fleet standing on the given cells, heading east, without goals. */
    public static Fleet at(int[] cells) {
        Fleet fleet = new Fleet(cells.length);
        for (int i = 0; i < cells.length; i++) {
            fleet.place(i, cells[i], 0);
        }
        return fleet;
    }

    public int size() {
        return cell.length;
    }

    public int cell(int robot) {
        return cell[robot];
    }

    public int heading(int robot) {
        return heading[robot];
    }

    /** The goal cell, or {@link GridMap#NONE} when the robot has nothing to do. */
    public int goal(int robot) {
        return goal[robot];
    }

    /** Target of an unconfirmed command, or {@link GridMap#NONE} when the robot is free to plan. */
    public int heldTarget(int robot) {
        return heldTarget[robot];
    }

    public boolean isHeld(int robot) {
        return heldTarget[robot] != GridMap.NONE;
    }

    /** Sets a robot's confirmed pose. */
    public void place(int robot, int newCell, int newHeading) {
        if (newHeading < 0 || newHeading >= GridMap.DIRECTIONS) {
            throw new IllegalArgumentException("heading must be in [0, 3] but was " + newHeading);
        }
        cell[robot] = newCell;
        heading[robot] = newHeading;
    }

    public void setGoal(int robot, int newGoal) {
        goal[robot] = newGoal;
    }

    /** Marks a robot as held until confirmed: it may end the step in its cell or in {@code target}. */
    public void hold(int robot, int target) {
        heldTarget[robot] = target;
    }

    public void release(int robot) {
        heldTarget[robot] = GridMap.NONE;
    }
}
