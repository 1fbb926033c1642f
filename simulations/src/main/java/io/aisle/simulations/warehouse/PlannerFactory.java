package io.aisle.simulations.warehouse;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.planning.PathPlanner;

/** Builds a planner for one run, on that run's distance oracle. */
@FunctionalInterface
public interface PlannerFactory {

    PathPlanner create(DistanceOracle oracle, ActionModel model, int fleetSize, long seed);
}
