package io.aisle.simulations.warehouse;

import io.aisle.robotics.planning.LookaheadPlanner;
import io.aisle.robotics.planning.PriorityInheritancePlanner;
import io.aisle.robotics.planning.WindowedLnsPlanner;

/** The planners the benchmark compares. */
public final class Planners {

    /** Window of the baseline's space-time search, in steps. */
    public static final int BASELINE_WINDOW = 8;
    /** Search effort of the baseline per robot and step. */
    public static final int BASELINE_EXPANSIONS = 300;

    private Planners() {
    }

    /** The fleet planner: guided PIBT. */
    public static PlannerFactory priorityInheritance() {
        return (oracle, model, fleetSize, seed) ->
                new PriorityInheritancePlanner(oracle.map(), oracle, model, System::nanoTime, seed, true);
    }

    /** Guided PIBT with windowed lookahead over other tie-breaks while time remains. */
    public static PlannerFactory lookahead(int window, int alternatives) {
        return (oracle, model, fleetSize, seed) -> new LookaheadPlanner(oracle.map(), oracle, model, System::nanoTime,
                seed, window, alternatives);
    }

    /** Guided PIBT improved by large neighbourhood search on a window of its plan, up to searchMillis a step. */
    public static PlannerFactory windowedLns(int window, long searchMillis, int neighbourhood) {
        return (oracle, model, fleetSize, seed) -> new WindowedLnsPlanner(oracle.map(), oracle, model,
                System::nanoTime, seed, window, searchMillis, neighbourhood);
    }

    /** PIBT without the contraflow guidance, to measure what guidance brings. */
    public static PlannerFactory unguidedPriorityInheritance() {
        return (oracle, model, fleetSize, seed) ->
                new PriorityInheritancePlanner(oracle.map(), oracle, model, System::nanoTime, seed, false);
    }

    /** The baseline: prioritized windowed A* with a reservation table. */
    public static PlannerFactory prioritizedAStar() {
        return (oracle, model, fleetSize, seed) -> new PrioritizedAStarPlanner(oracle.map(), oracle, model,
                System::nanoTime, BASELINE_WINDOW, BASELINE_EXPANSIONS, fleetSize);
    }
}
