package io.aisle.simulations.warehouse;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.distance.GoalDistances;
import io.aisle.robotics.distance.LaneDistanceOracle;
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
        return priorityInheritance(0);
    }

    /** Guided PIBT on one-way lanes whose wrong way costs {@code lanePenalty} more per move (0: no lanes). */
    public static PlannerFactory priorityInheritance(int lanePenalty) {
        return (oracle, model, fleetSize, seed) -> new PriorityInheritancePlanner(oracle.map(), oracle,
                guide(oracle, lanePenalty, fleetSize), model, System::nanoTime, seed, true);
    }

    /** Guided PIBT with windowed lookahead over other tie-breaks while time remains. */
    public static PlannerFactory lookahead(int window, int alternatives) {
        return (oracle, model, fleetSize, seed) -> new LookaheadPlanner(oracle.map(), oracle, model, System::nanoTime,
                seed, window, alternatives);
    }

    /** Guided PIBT improved by large neighbourhood search on a window of its plan, up to searchMillis a step. */
    public static PlannerFactory windowedLns(int window, long searchMillis, int neighbourhood) {
        return windowedLns(window, searchMillis, neighbourhood, 0);
    }

    /** {@link #windowedLns(int, long, int)} with its PIBT on lanes, as {@link #priorityInheritance(int)}. */
    public static PlannerFactory windowedLns(int window, long searchMillis, int neighbourhood, int lanePenalty) {
        return (oracle, model, fleetSize, seed) -> new WindowedLnsPlanner(oracle.map(), oracle,
                guide(oracle, lanePenalty, fleetSize), model, System::nanoTime, seed, window, searchMillis,
                neighbourhood);
    }

    /**
     * What PIBT orders its candidates by: true distances, or lane costs in tables sized like the true ones but
     * from half of what they may take of the heap.
     */
    private static GoalDistances guide(DistanceOracle oracle, int lanePenalty, int fleetSize) {
        if (lanePenalty < 0) {
            throw new IllegalArgumentException("lanePenalty must be >= 0 but was " + lanePenalty);
        }
        if (lanePenalty == 0) {
            return oracle;
        }
        int capacity = DistanceOracle.capacityFor(oracle.map(), fleetSize + 4096, Runtime.getRuntime().maxMemory() / 2);
        return new LaneDistanceOracle(oracle, lanePenalty, capacity);
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
