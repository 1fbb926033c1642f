package io.aisle.robotics.planning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.distance.LaneDistanceOracle;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.testing.Grids;
import io.aisle.robotics.testing.StepChecks;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class WindowedLnsPlannerTest {

    private static final long DEADLINE = 1_000_000_000L;
    private static final long MICROSECOND = 1_000L;

    private final GridMap map = Grids.warehouse(10, 6, 6);

    /** A clock that moves one microsecond per reading, then jumps past the deadline after {@code cut} readings. */
    private static final class ScriptedClock implements LongSupplier {
        private final long cut;
        private long readings;

        ScriptedClock(long cut) {
            this.cut = cut;
        }

        @Override
        public long getAsLong() {
            readings++;
            return readings > cut ? 2 * DEADLINE : readings * MICROSECOND;
        }
    }

    private Fleet fleetWithGoals(int robots, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Fleet fleet = Fleet.at(Grids.distinctFreeCells(map, robots, random));
        for (int r = 0; r < robots; r++) {
            fleet.setGoal(r, Grids.distinctFreeCells(map, 1, random)[0]);
        }
        return fleet;
    }

    private void giveNewGoals(Fleet fleet, SplittableRandom random) {
        for (int r = 0; r < fleet.size(); r++) {
            if (fleet.goal(r) == GridMap.NONE || fleet.goal(r) == fleet.cell(r)) {
                fleet.setGoal(r, Grids.distinctFreeCells(map, 1, random)[0]);
            }
        }
    }

    @Test
    void searchCostsPathsOnTheLanesPibtFollows() {
        GridMap open = Grids.open(3, 5);
        DistanceOracle oracle = new DistanceOracle(open, 8);
        WindowedLnsPlanner planner = new WindowedLnsPlanner(open, oracle, new LaneDistanceOracle(oracle, 4, 8),
                ActionModel.FOUR_CONNECTED, new ScriptedClock(Long.MAX_VALUE), 3, 4, 1, 1);
        Fleet fleet = Fleet.at(new int[] {open.cell(0, 4)});
        fleet.setGoal(0, open.cell(0, 0));
        StepPlan plan = new StepPlan(1);
        planner.planStep(fleet, DEADLINE, plan);
        // Straight west along eastbound row 0 is 4 moves but costs 20 on the lanes; PIBT's way through westbound
        // row 1 costs 10. Searched in moves, the straight way would replace it.
        assertTrue(planner.neighbourhoodsTried() > 0);
        assertEquals(open.cell(1, 4), plan.nextCell(0));
    }

    @Test
    void plansValidStepsAndKeepsImprovedNeighbourhoodsUnderBothActionModels() {
        for (ActionModel model : ActionModel.values()) {
            SplittableRandom random = new SplittableRandom(5);
            Fleet fleet = fleetWithGoals(150, 5);
            WindowedLnsPlanner planner = new WindowedLnsPlanner(map, new DistanceOracle(map, 2048), model,
                    new ScriptedClock(Long.MAX_VALUE), 3, 8, 5, 6);
            StepPlan plan = new StepPlan(fleet.size());
            for (int step = 0; step < 40; step++) {
                giveNewGoals(fleet, random);
                planner.planStep(fleet, DEADLINE, plan);
                StepChecks.assertValidStep(map, model, fleet, plan);
                StepChecks.execute(fleet, plan);
            }
            assertTrue(planner.neighbourhoodsTried() > 0, model + ": neighbourhoods were searched");
            assertTrue(planner.improvements() > 0, model + ": some re-planned neighbourhood was kept");
        }
    }

    @Test
    void executesThePlainPibtPlanWhenTheTimeIsGoneAfterIt() {
        Fleet fleet = fleetWithGoals(150, 9);
        DistanceOracle oracle = new DistanceOracle(map, 2048);
        // Count the clock readings of the plain PIBT step, so the scripted clock can run out right after it.
        ScriptedClock counting = new ScriptedClock(Long.MAX_VALUE);
        PriorityInheritancePlanner plain = new PriorityInheritancePlanner(map, oracle, ActionModel.ROTATION,
                counting, 4, true);
        StepPlan expected = new StepPlan(fleet.size());
        plain.planStep(fleet, DEADLINE, expected);

        WindowedLnsPlanner planner = new WindowedLnsPlanner(map, oracle, ActionModel.ROTATION,
                new ScriptedClock(counting.readings), 4, 8, 20, 6);
        StepPlan plan = new StepPlan(fleet.size());
        planner.planStep(fleet, DEADLINE, plan);

        assertEquals(0, planner.neighbourhoodsTried());
        for (int r = 0; r < fleet.size(); r++) {
            assertEquals(expected.action(r), plan.action(r), "robot " + r);
            assertEquals(expected.nextCell(r), plan.nextCell(r), "robot " + r);
        }
    }

    @Test
    void givesAValidStepWhenTheTimeRunsOutInTheMiddleOfTheSearch() {
        for (long cut : new long[] {400, 2_000, 6_000, 15_000}) {
            Fleet fleet = fleetWithGoals(150, 11);
            WindowedLnsPlanner planner = new WindowedLnsPlanner(map, new DistanceOracle(map, 2048),
                    ActionModel.ROTATION, new ScriptedClock(cut), 6, 8, 20, 6);
            StepPlan plan = new StepPlan(fleet.size());
            planner.planStep(fleet, DEADLINE, plan);
            StepChecks.assertValidStep(map, ActionModel.ROTATION, fleet, plan);
        }
    }

    @Test
    void plansTheSameStepsGivenTheSameSeedAndClock() {
        int[][] actions = new int[2][];
        for (int run = 0; run < 2; run++) {
            SplittableRandom random = new SplittableRandom(21);
            Fleet fleet = fleetWithGoals(120, 21);
            WindowedLnsPlanner planner = new WindowedLnsPlanner(map, new DistanceOracle(map, 2048),
                    ActionModel.ROTATION, new ScriptedClock(Long.MAX_VALUE), 8, 8, 4, 6);
            StepPlan plan = new StepPlan(fleet.size());
            actions[run] = new int[30 * fleet.size()];
            for (int step = 0; step < 30; step++) {
                giveNewGoals(fleet, random);
                planner.planStep(fleet, DEADLINE, plan);
                for (int r = 0; r < fleet.size(); r++) {
                    actions[run][step * fleet.size() + r] = plan.action(r).ordinal() * 100_000 + plan.nextCell(r);
                }
                StepChecks.execute(fleet, plan);
            }
        }
        assertArrayEquals(actions[0], actions[1], "both runs planned the same actions");
    }
}
