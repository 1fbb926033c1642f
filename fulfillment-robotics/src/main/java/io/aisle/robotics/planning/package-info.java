/**
 * Lifelong multi-agent path planning, one step at a time: the {@link io.aisle.robotics.planning.PathPlanner}
 * port, the fleet it reads and the step plan it writes, and the priority-inheritance planner.
 */
package io.aisle.robotics.planning;
