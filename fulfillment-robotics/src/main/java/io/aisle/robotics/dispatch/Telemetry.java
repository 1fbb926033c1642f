package io.aisle.robotics.dispatch;

/**
 * A robot's report of where it is and, if it measures it, its charge.
 *
 * @param robotId        the reporting robot
 * @param cell           linearised cell ({@code row * width + col})
 * @param heading        0 east, 1 south, 2 west, 3 north
 * @param batteryPercent measured charge in [0, 100], or null when the robot does not report it (the dispatcher then
 *                       models the drain)
 */
public record Telemetry(String robotId, int cell, int heading, Double batteryPercent) {

    /** A report without a battery reading. */
    public Telemetry(String robotId, int cell, int heading) {
        this(robotId, cell, heading, null);
    }
}
