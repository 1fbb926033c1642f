package io.aisle.robotics.planning;

/**
 * Decides the next action of every robot of a fleet (lifelong multi-agent path finding, one step at a time).
 *
 * <p>Contract: after {@code planStep} returns, every robot has an action in {@code out} that is valid under the
 * planner's action model, and no two robots end the step in the same cell or swap cells, even when the
 * deadline passed. Held robots keep both their cell and their held target. Implementations are not
 * thread-safe: one thread plans.
 */
public interface PathPlanner {

    /**
     * @param fleet         poses, goals and held commands; not modified
     * @param deadlineNanos value of the planner's nano clock by which it must return
     * @param out           receives one action per robot; sized to the fleet
     */
    StepOutcome planStep(Fleet fleet, long deadlineNanos, StepPlan out);
}
