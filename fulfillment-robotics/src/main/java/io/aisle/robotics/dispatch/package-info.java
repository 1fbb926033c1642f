/**
 * The dispatcher: robot states and battery, order intake, task assignment, the planning tick, robot commands,
 * telemetry, faults, operator-closed cells and checkpoints for a restart, behind a framework-free API that the HTTP
 * edge adapts. {@code Dispatcher} coordinates one tick; each phase is a package-private class of its own.
 */
package io.aisle.robotics.dispatch;
