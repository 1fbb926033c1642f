package io.aisle.robotics.layout;

/**
 * A pick station: a robot brings a pod to its cell and waits while a picker takes the items.
 *
 * @param id           index of the station in its layout
 * @param cell         the cell a robot stops on
 * @param serviceSteps steps a pick takes, at least 1
 */
public record Station(int id, int cell, int serviceSteps) {

    public Station {
        if (serviceSteps < 1) {
            throw new IllegalArgumentException("serviceSteps must be >= 1 but was " + serviceSteps);
        }
    }
}
