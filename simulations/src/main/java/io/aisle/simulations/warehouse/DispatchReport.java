package io.aisle.simulations.warehouse;

/**
 * Outcome of a simulated warehouse driven by the dispatcher.
 *
 * @param robots           fleet size
 * @param ticks            dispatcher ticks run
 * @param ordersSubmitted  orders accepted
 * @param linesPicked      order lines picked at stations
 * @param ordersCompleted  orders fully picked
 * @param collisions       vertex or edge collisions among executed moves; must be 0
 * @param invalidActions   illegal executed moves; must be 0
 * @param refusedTelemetry telemetry the dispatcher refused; 0 for well-behaved robots
 * @param tickMsP50        median dispatcher tick (faults, assignment, planning)
 * @param tickMsP99        99th percentile dispatcher tick
 * @param delayEvents      delays injected
 * @param cellsClosed      aisle cells an operator closed for the middle half of the run
 * @param maxStuckTasks    most tasks reported stuck (cut off by closed cells) after any tick
 */
public record DispatchReport(int robots, int ticks, long ordersSubmitted, long linesPicked, long ordersCompleted,
                             long collisions, long invalidActions, long refusedTelemetry, double tickMsP50,
                             double tickMsP99, long delayEvents, int cellsClosed, int maxStuckTasks) {

    /** Lines picked per tick. */
    public double linesPerTick() {
        return (double) linesPicked / ticks;
    }
}
