package io.aisle.robotics.dispatch;

/**
 * Whether telemetry was accepted. A refused report changes nothing, for this robot or any other.
 *
 * @param outcome what happened
 * @param message human-readable detail naming the robot and cells
 */
public record TelemetryResult(Outcome outcome, String message) {

    /** Accepted, or why not. */
    public enum Outcome {
        /** The pose was the confirmed one or the commanded one; it is now confirmed. */
        ACCEPTED,
        /** No robot with this id in the warehouse. */
        UNKNOWN_ROBOT,
        /** The cell is outside the map, an obstacle, or the heading is not 0..3. */
        INVALID_POSE,
        /** The battery reading is not a percentage in [0, 100]. */
        INVALID_BATTERY,
        /** The pose is neither where the robot was nor where it was sent: it would jump or collide. */
        UNEXPECTED_POSE,
        /** The robot is faulted; an operator must clear it first. */
        ROBOT_FAULTED
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
