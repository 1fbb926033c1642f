package io.aisle.robotics.dispatch;

/**
 * A robot in a {@link WarehouseSnapshot}.
 *
 * @param robotId        id
 * @param cell           confirmed cell
 * @param heading        confirmed heading
 * @param state          what it is doing
 * @param batteryPercent modelled charge, 0..100
 * @param taskId         its pick task, or -1
 * @param commandTarget  target cell of its unconfirmed command, or -1
 */
public record RobotView(String robotId, int cell, int heading, RobotState state, double batteryPercent, long taskId,
                        int commandTarget) {
}
