package io.aisle.robotics.dispatch;

import io.aisle.robotics.motion.Action;

/**
 * One action for one robot. The robot executes it, then reports the target pose as telemetry.
 *
 * @param robotId       the robot
 * @param sequence      increases with every command of this dispatcher
 * @param action        what to do
 * @param targetCell    the cell the robot is in after the action
 * @param targetHeading the heading after the action
 * @param tick          the dispatcher tick that planned it
 */
public record RobotCommand(String robotId, long sequence, Action action, int targetCell, int targetHeading, long tick) {
}
