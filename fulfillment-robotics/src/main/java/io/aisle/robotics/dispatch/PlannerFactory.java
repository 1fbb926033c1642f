package io.aisle.robotics.dispatch;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.planning.LookaheadPlanner;
import io.aisle.robotics.planning.PathPlanner;
import io.aisle.robotics.planning.PriorityInheritancePlanner;
import java.util.function.LongSupplier;

/**
 * Makes the planner a {@link Dispatcher} plans every tick with. The dispatcher hands it the distance oracle it
 * blocks closed and faulted cells on (so planner and dispatcher see the same obstacles) and the nano clock it
 * derives from its own {@link java.time.Clock}, which the planner must read for its per-step deadline: with a
 * clock that only moves when advanced, a run is then deterministic given its inputs.
 */
@FunctionalInterface
public interface PlannerFactory {

    /**
     * @param nanoClock the dispatcher's time in nanoseconds; deadlines passed to {@code planStep} are on this clock
     */
    PathPlanner create(GridMap map, DistanceOracle oracle, DispatcherSettings settings, LongSupplier nanoClock);

    /**
     * The planner the settings ask for: guided PIBT ({@link PriorityInheritancePlanner}), with windowed improvement
     * ({@link LookaheadPlanner}, three alternatives) when {@link DispatcherSettings#lookaheadWindow()} is above 0.
     */
    static PlannerFactory fromSettings() {
        return (map, oracle, settings, nanoClock) -> settings.lookaheadWindow() > 0
                ? new LookaheadPlanner(map, oracle, settings.model(), nanoClock, settings.seed(),
                        settings.lookaheadWindow(), 3)
                : new PriorityInheritancePlanner(map, oracle, settings.model(), nanoClock, settings.seed(), true);
    }
}
