package io.aisle.robotics.vda5050;

import java.util.List;
import java.util.Objects;

/**
 * A robot's {@code state} (robot to master control), sent when something changes and at least every few seconds.
 *
 * @param orderId            the order it works on, or {@code ""} when it has none
 * @param orderUpdateId      the last update of that order it accepted
 * @param lastNodeId         the last node it reached (or stands on)
 * @param lastNodeSequenceId that node's sequence id in the order, 0 without an order
 * @param nodeStates         nodes of the order still ahead
 * @param edgeStates         edges of the order still ahead
 * @param agvPosition        where it is, or null when it does not know
 * @param driving            whether it is moving
 * @param batteryState       its charge
 * @param errors             what is wrong; a {@link ErrorLevel#FATAL} one means it cannot go on
 */
public record VdaState(VdaHeader header, String orderId, long orderUpdateId, String lastNodeId, long lastNodeSequenceId,
                       List<NodeState> nodeStates, List<EdgeState> edgeStates, AgvPosition agvPosition, boolean driving,
                       BatteryState batteryState, List<VdaError> errors) {

    public VdaState {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(lastNodeId, "lastNodeId");
        Objects.requireNonNull(batteryState, "batteryState");
        nodeStates = List.copyOf(nodeStates);
        edgeStates = List.copyOf(edgeStates);
        errors = List.copyOf(errors);
    }

    /** Whether an error of level {@link ErrorLevel#FATAL} is among the errors. */
    public boolean hasFatalError() {
        return errors.stream().anyMatch(error -> error.errorLevel() == ErrorLevel.FATAL);
    }

    /** A node of the order the robot has not reached yet. */
    public record NodeState(String nodeId, long sequenceId, boolean released) {
    }

    /** An edge of the order the robot has not driven yet. */
    public record EdgeState(String edgeId, long sequenceId, boolean released) {
    }

    /**
     * The robot's pose in the map frame (metres, counterclockwise radians from the x axis).
     *
     * @param positionInitialized false until the robot has localised itself
     */
    public record AgvPosition(double x, double y, double theta, String mapId, boolean positionInitialized) {
    }

    /**
     * @param batteryCharge state of charge in percent
     * @param charging      whether it is charging
     */
    public record BatteryState(double batteryCharge, boolean charging) {
    }

    /** A problem the robot reports. */
    public record VdaError(String errorType, ErrorLevel errorLevel, String errorDescription) {

        public VdaError {
            Objects.requireNonNull(errorType, "errorType");
            Objects.requireNonNull(errorLevel, "errorLevel");
        }
    }

    /** How bad an error is. */
    public enum ErrorLevel {
        /** The robot goes on. */
        WARNING,
        /** The robot cannot go on without help. */
        FATAL
    }
}
