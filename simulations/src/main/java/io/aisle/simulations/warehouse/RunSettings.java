package io.aisle.simulations.warehouse;

import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.problem.DelayConfig;

/**
 * How one benchmark run is executed.
 *
 * @param model             action model of every robot
 * @param ticks             steps to simulate (the horizon)
 * @param delays            execution delay model, or null for none
 * @param breakdownShare    fraction of the fleet that breaks down during the run, in [0, 1]
 * @param seed              seeds delays, breakdowns and planners
 * @param budgetMillis      planning time budget per step
 * @param faultTimeoutSteps steps without progress reports after which a broken robot is declared faulted
 */
public record RunSettings(ActionModel model, int ticks, DelayConfig delays, double breakdownShare, long seed,
                          long budgetMillis, int faultTimeoutSteps) {

    public RunSettings {
        if (ticks < 1) {
            throw new IllegalArgumentException("ticks must be >= 1 but was " + ticks);
        }
        if (budgetMillis < 1) {
            throw new IllegalArgumentException("budgetMillis must be >= 1 but was " + budgetMillis);
        }
        if (faultTimeoutSteps < 1) {
            throw new IllegalArgumentException("faultTimeoutSteps must be >= 1 but was " + faultTimeoutSteps);
        }
    }

    public RunSettings withDelays(DelayConfig newDelays) {
        return new RunSettings(model, ticks, newDelays, breakdownShare, seed, budgetMillis, faultTimeoutSteps);
    }
}
