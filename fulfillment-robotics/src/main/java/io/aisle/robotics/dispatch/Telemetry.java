package io.aisle.robotics.dispatch;

/**
 * A robot's report of where it is.
 *
 * @param robotId the reporting robot
 * @param cell    linearised cell ({@code row * width + col})
 * @param heading 0 east, 1 south, 2 west, 3 north
 */
public record Telemetry(String robotId, int cell, int heading) {
}
