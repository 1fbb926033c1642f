package io.aisle.robotics.planning;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.testing.Grids;
import io.aisle.robotics.testing.StepChecks;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LookaheadPlannerTest {

    private final GridMap map = Grids.warehouse(10, 6, 6);

    @Test
    void choosesAmongValidPlansAndSometimesBeatsTheBasePlan() {
        for (ActionModel model : ActionModel.values()) {
            SplittableRandom random = new SplittableRandom(5);
            Fleet fleet = Fleet.at(Grids.distinctFreeCells(map, 150, random));
            LookaheadPlanner planner = new LookaheadPlanner(map, new DistanceOracle(map, 2048), model,
                    System::nanoTime, 3, 6, 3);
            StepPlan plan = new StepPlan(fleet.size());
            for (int step = 0; step < 60; step++) {
                for (int r = 0; r < fleet.size(); r++) {
                    if (fleet.goal(r) == GridMap.NONE || fleet.goal(r) == fleet.cell(r)) {
                        fleet.setGoal(r, Grids.distinctFreeCells(map, 1, random)[0]);
                    }
                }
                planner.planStep(fleet, System.nanoTime() + 5_000_000_000L, plan);
                StepChecks.assertValidStep(map, model, fleet, plan);
                StepChecks.execute(fleet, plan);
            }
            assertTrue(planner.improvements() > 0, model + ": an alternative won at least once");
        }
    }
}
