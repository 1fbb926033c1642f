package io.aisle.robotics.motion;

import io.aisle.robotics.map.GridMap;

/** How a robot moves in one step. */
public enum ActionModel {
    /** Wait, or move to one of the four neighbours; heading is ignored. */
    FOUR_CONNECTED,
    /**
     * The League of Robot Runners model: wait, move forward one cell, or turn 90 degrees in place. Headings are
     * 0 east, 1 south, 2 west, 3 north; clockwise adds one.
     */
    ROTATION;

    /**
     * Applies an action to a robot's pose.
     *
     * @return the cell after the action, or {@link GridMap#NONE} when the action is not allowed from there
     *         (moving into an obstacle or off the map, or an action of the other model)
     */
    public int nextCell(GridMap map, int cell, int heading, Action action) {
        return switch (action) {
            case WAIT, CLOCKWISE, COUNTERCLOCKWISE -> this == ROTATION || action == Action.WAIT ? cell : GridMap.NONE;
            case FORWARD -> this == ROTATION ? map.neighbour(cell, heading) : GridMap.NONE;
            case EAST, SOUTH, WEST, NORTH -> this == FOUR_CONNECTED ? map.neighbour(cell, action.direction()) : GridMap.NONE;
        };
    }

    /** Heading after an action; unchanged for everything but turns. */
    public static int nextHeading(int heading, Action action) {
        return switch (action) {
            case CLOCKWISE -> (heading + 1) % GridMap.DIRECTIONS;
            case COUNTERCLOCKWISE -> (heading + 3) % GridMap.DIRECTIONS;
            default -> heading;
        };
    }
}
