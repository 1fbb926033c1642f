package io.aisle.robotics.motion;

/** One step of one robot. Which actions are allowed depends on the {@link ActionModel}. */
public enum Action {
    /** Stay in place (both models). */
    WAIT,
    /** Rotation model: move one cell along the heading. */
    FORWARD,
    /** Rotation model: turn 90 degrees clockwise in place. */
    CLOCKWISE,
    /** Rotation model: turn 90 degrees counter-clockwise in place. */
    COUNTERCLOCKWISE,
    /** 4-connected model: move one cell east. */
    EAST,
    /** 4-connected model: move one cell south. */
    SOUTH,
    /** 4-connected model: move one cell west. */
    WEST,
    /** 4-connected model: move one cell north. */
    NORTH;

    private static final Action[] VALUES = values();

    /** Direction of a 4-connected move (0 east, 1 south, 2 west, 3 north), or -1 for other actions. */
    public int direction() {
        return switch (this) {
            case EAST -> 0;
            case SOUTH -> 1;
            case WEST -> 2;
            case NORTH -> 3;
            default -> -1;
        };
    }

    /** The 4-connected move in a direction (0 east, 1 south, 2 west, 3 north). */
    public static Action moveToward(int direction) {
        return VALUES[EAST.ordinal() + direction];
    }

    /** The action with this ordinal, for compact {@code byte} encodings. */
    public static Action ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
