package io.aisle.robotics.dispatch;

/**
 * Answer to a change of the fleet while it runs: a robot added, removed or returned to service. A refused change
 * changes nothing.
 *
 * @param robotId the robot
 * @param outcome done, or why not
 * @param message human-readable detail naming the robot and cell
 */
public record FleetChange(String robotId, Outcome outcome, String message) {

    /** Done, or why not. */
    public enum Outcome {
        /** The change is made; it takes effect from the next tick. */
        DONE,
        /** No robot with this id in the warehouse. */
        UNKNOWN_ROBOT,
        /** A robot with this id is already in the warehouse. */
        DUPLICATE_ROBOT,
        /** The cell is off the map or an obstacle. */
        INVALID_CELL,
        /** Another robot stands on the cell, is bound for it, or an operator closed it. */
        CELL_TAKEN,
        /** Only a faulted robot can be returned to service. */
        NOT_FAULTED
    }

    public boolean done() {
        return outcome == Outcome.DONE;
    }
}
