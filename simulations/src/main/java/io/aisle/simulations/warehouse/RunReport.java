package io.aisle.simulations.warehouse;

/**
 * Outcome of one benchmark run of one planner.
 *
 * @param planner             planner name
 * @param robots              fleet size
 * @param ticks               simulated steps
 * @param tasksFinished       tasks whose last errand was reached
 * @param errandsFinished     errands reached
 * @param collisions          vertex and edge collisions, planned or executed; must be 0
 * @param invalidActions      illegal actions, planned or executed; must be 0
 * @param planMsP50           median planning time per step
 * @param planMsP99           99th percentile planning time per step
 * @param planMsMax           slowest step
 * @param tickMsP99           99th percentile of assignment plus planning per step
 * @param tickMsMax           slowest assignment plus planning
 * @param planCpuMsP50        median CPU time of the planning thread per step (robust to other processes
 *                            sharing the cores, unlike the wall-clock figures)
 * @param planCpuMsP99        99th percentile of that CPU time
 * @param planCpuMsMax        largest CPU time of one step
 * @param budgetExhaustedSteps steps where the budget ran out before every robot was searched
 * @param delayEvents         delays injected
 * @param faulted             robots declared faulted
 * @param preprocessMs        set-up before the first step (first assignment and distance tables)
 * @param firstViolation      description of the first collision or invalid action, or null
 */
public record RunReport(String planner, int robots, int ticks, long tasksFinished, long errandsFinished,
                        long collisions, long invalidActions, double planMsP50, double planMsP99, double planMsMax,
                        double tickMsP99, double tickMsMax,
                        double planCpuMsP50, double planCpuMsP99, double planCpuMsMax,
                        int budgetExhaustedSteps, long delayEvents, int faulted, long preprocessMs,
                        String firstViolation) {

    /** Errands finished per simulated step. */
    public double throughputPerStep() {
        return (double) errandsFinished / ticks;
    }
}
