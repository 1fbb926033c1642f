package io.aisle.robotics.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.distance.LaneDistanceOracle;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.testing.Grids;
import io.aisle.robotics.testing.StepChecks;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PriorityInheritancePlannerTest {

    private static final long NO_DEADLINE = Long.MAX_VALUE / 2;

    /** Runs until every robot has reached its goal once (then it idles) or the step limit; returns steps or -1. */
    private static int runUntilAllArrive(GridMap map, ActionModel model, Fleet fleet, PathPlanner planner, int limit) {
        StepPlan plan = new StepPlan(fleet.size());
        for (int step = 0; step < limit; step++) {
            boolean all = true;
            for (int r = 0; r < fleet.size(); r++) {
                if (fleet.goal(r) == fleet.cell(r)) {
                    fleet.setGoal(r, GridMap.NONE);
                }
                all &= fleet.goal(r) == GridMap.NONE;
            }
            if (all) {
                return step;
            }
            planner.planStep(fleet, NO_DEADLINE, plan);
            StepChecks.assertValidStep(map, model, fleet, plan);
            StepChecks.execute(fleet, plan);
        }
        return -1;
    }

    private static PriorityInheritancePlanner planner(GridMap map, ActionModel model) {
        return new PriorityInheritancePlanner(map, new DistanceOracle(map, 64), model, System::nanoTime, 7, true);
    }

    @Test
    void resolvesAHeadOnMeetingInAOneLaneCorridorWithASideBay() {
        GridMap map = Grids.of(
                ".......",
                "@@@.@@@");
        for (ActionModel model : ActionModel.values()) {
            Fleet fleet = Fleet.at(new int[] {map.cell(0, 0), map.cell(0, 6)});
            fleet.place(1, map.cell(0, 6), 2);
            fleet.setGoal(0, map.cell(0, 6));
            fleet.setGoal(1, map.cell(0, 0));
            int steps = runUntilAllArrive(map, model, fleet, planner(map, model), 80);
            assertTrue(steps > 0, model + ": both robots pass each other using the bay");
        }
    }

    @Test
    void takesTheWestboundRowWhenGuidedByLanes() {
        GridMap map = Grids.open(3, 5);
        DistanceOracle oracle = new DistanceOracle(map, 8);
        // Row 0 runs east: going west along it costs 4 x 5 on lanes of penalty 4, down to westbound row 1 and
        // back up costs 10.
        PriorityInheritancePlanner onLanes = new PriorityInheritancePlanner(map, oracle,
                new LaneDistanceOracle(oracle, 4, 8), ActionModel.FOUR_CONNECTED, System::nanoTime, 7, true);
        assertEquals(map.cell(1, 4), firstStep(map, onLanes).nextCell(0));
        assertEquals(map.cell(0, 3), firstStep(map, planner(map, ActionModel.FOUR_CONNECTED)).nextCell(0),
                "true distances go straight");
    }

    private static StepPlan firstStep(GridMap map, PathPlanner planner) {
        Fleet fleet = Fleet.at(new int[] {map.cell(0, 4)});
        fleet.setGoal(0, map.cell(0, 0));
        StepPlan plan = new StepPlan(1);
        planner.planStep(fleet, NO_DEADLINE, plan);
        return plan;
    }

    @Test
    void pushesAParkedRobotOffAnotherRobotsGoal() {
        GridMap map = Grids.of(
                ".....",
                "@@.@@");
        Fleet fleet = Fleet.at(new int[] {map.cell(0, 0), map.cell(0, 4)});
        fleet.setGoal(0, map.cell(0, 4));
        int steps = runUntilAllArrive(map, ActionModel.FOUR_CONNECTED, fleet, planner(map, ActionModel.FOUR_CONNECTED), 120);
        assertTrue(steps > 0, "the idle robot at the goal yields");
        assertNotEquals(map.cell(0, 4), fleet.cell(1));
    }

    @Test
    void neverSwapsTwoRobotsThatWantEachOthersCells() {
        GridMap map = Grids.of("...", "...");
        for (ActionModel model : ActionModel.values()) {
            Fleet fleet = Fleet.at(new int[] {map.cell(0, 0), map.cell(0, 1)});
            fleet.place(1, map.cell(0, 1), 2);
            fleet.setGoal(0, map.cell(0, 1));
            fleet.setGoal(1, map.cell(0, 0));
            PriorityInheritancePlanner planner = planner(map, model);
            StepPlan plan = new StepPlan(2);
            planner.planStep(fleet, NO_DEADLINE, plan);
            StepChecks.assertValidStep(map, model, fleet, plan);
            assertTrue(runUntilAllArrive(map, model, fleet, planner, 40) > 0, model + ": both arrive");
        }
    }

    @Test
    void givesEveryRobotAValidActionWhenTheTimeBudgetRunsOut() {
        GridMap map = Grids.warehouse(5, 4, 4);
        SplittableRandom random = new SplittableRandom(3);
        int[] cells = Grids.distinctFreeCells(map, 60, random);
        Fleet fleet = Fleet.at(cells);
        for (int r = 0; r < fleet.size(); r++) {
            fleet.setGoal(r, Grids.distinctFreeCells(map, 1, random)[0]);
        }
        // Each clock read advances 1 ms; the budget is 10 ms, so most robots are never searched.
        AtomicLong now = new AtomicLong();
        PriorityInheritancePlanner planner = new PriorityInheritancePlanner(map, new DistanceOracle(map, 128),
                ActionModel.FOUR_CONNECTED, () -> now.addAndGet(1_000_000), 1, true);
        StepPlan plan = new StepPlan(fleet.size());
        StepOutcome outcome = planner.planStep(fleet, 10_000_000, plan);
        assertTrue(outcome.budgetExhausted());
        assertTrue(outcome.planned() < fleet.size());
        StepChecks.assertValidStep(map, ActionModel.FOUR_CONNECTED, fleet, plan);
    }

    @Test
    void keepsOtherRobotsOutOfBothCellsOfADelayedRobot() {
        GridMap map = Grids.of("....");
        Fleet fleet = Fleet.at(new int[] {map.cell(0, 1), map.cell(0, 3)});
        fleet.hold(0, map.cell(0, 2));
        fleet.setGoal(1, map.cell(0, 0));
        PriorityInheritancePlanner planner = planner(map, ActionModel.FOUR_CONNECTED);
        StepPlan plan = new StepPlan(2);
        for (int step = 0; step < 5; step++) {
            planner.planStep(fleet, NO_DEADLINE, plan);
            assertEquals(Action.WAIT, plan.action(0), "a held robot gets no new command");
            assertEquals(map.cell(0, 3), plan.nextCell(1), "the other robot may not enter either cell");
        }
    }

    @Test
    void turnsBeforeMovingUnderTheRotationModel() {
        GridMap map = Grids.of("...", "...");
        Fleet fleet = Fleet.at(new int[] {map.cell(0, 0)});
        fleet.place(0, map.cell(0, 0), 2);
        fleet.setGoal(0, map.cell(1, 0));
        PriorityInheritancePlanner planner = planner(map, ActionModel.ROTATION);
        StepPlan plan = new StepPlan(1);
        planner.planStep(fleet, NO_DEADLINE, plan);
        assertEquals(Action.COUNTERCLOCKWISE, plan.action(0), "west to south is one counter-clockwise turn");
        assertEquals(1, plan.nextHeading(0));
        assertEquals(map.cell(0, 0), plan.nextCell(0));
    }

    @Test
    void movesADenseFleetWithoutConflictsUnderBothActionModels() {
        GridMap map = Grids.warehouse(10, 6, 6);
        for (ActionModel model : ActionModel.values()) {
            SplittableRandom random = new SplittableRandom(11);
            Fleet fleet = Fleet.at(Grids.distinctFreeCells(map, 300, random));
            PriorityInheritancePlanner planner = planner(map, model);
            StepPlan plan = new StepPlan(fleet.size());
            int arrivals = 0;
            for (int step = 0; step < 150; step++) {
                for (int r = 0; r < fleet.size(); r++) {
                    if (fleet.goal(r) == fleet.cell(r) || fleet.goal(r) == GridMap.NONE) {
                        arrivals += fleet.goal(r) == GridMap.NONE ? 0 : 1;
                        fleet.setGoal(r, Grids.distinctFreeCells(map, 1, random)[0]);
                    }
                }
                planner.planStep(fleet, NO_DEADLINE, plan);
                StepChecks.assertValidStep(map, model, fleet, plan);
                StepChecks.execute(fleet, plan);
            }
            assertTrue(arrivals > 100, model + " made " + arrivals + " arrivals");
        }
    }

    @Test
    void routesAroundACellBlockedByAnOperator() {
        GridMap map = Grids.of("...", "...");
        DistanceOracle oracle = new DistanceOracle(map, 8);
        oracle.setBlocked(map.cell(0, 1), true);
        Fleet fleet = Fleet.at(new int[] {map.cell(0, 0)});
        fleet.setGoal(0, map.cell(0, 2));
        PriorityInheritancePlanner planner = new PriorityInheritancePlanner(map, oracle, ActionModel.FOUR_CONNECTED,
                System::nanoTime, 5, true);
        StepPlan plan = new StepPlan(1);
        for (int step = 0; step < 4; step++) {
            planner.planStep(fleet, NO_DEADLINE, plan);
            assertNotEquals(map.cell(0, 1), plan.nextCell(0));
            StepChecks.execute(fleet, plan);
        }
        assertEquals(map.cell(0, 2), fleet.cell(0));
    }

    @Test
    void detectsARobotThatMakesNoProgressAndPerturbsIt() {
        GridMap map = Grids.of(
                ".....",
                "@@.@@");
        // Robot 1 is held (a command it never confirms) in the middle of the corridor, so robot 0 cannot pass.
        Fleet fleet = Fleet.at(new int[] {map.cell(0, 0), map.cell(0, 2)});
        fleet.hold(1, map.cell(0, 2));
        fleet.setGoal(0, map.cell(0, 4));
        PriorityInheritancePlanner planner = planner(map, ActionModel.FOUR_CONNECTED);
        StepPlan plan = new StepPlan(2);
        int recoveries = 0;
        for (int step = 0; step <= PriorityInheritancePlanner.STALL_LIMIT + 2; step++) {
            recoveries += planner.planStep(fleet, NO_DEADLINE, plan).livelockRecoveries();
            StepChecks.assertValidStep(map, ActionModel.FOUR_CONNECTED, fleet, plan);
            StepChecks.execute(fleet, plan);
        }
        assertTrue(recoveries >= 1, "the stuck robot was detected");
    }

    @Test
    void holdsBackTheNewestGoalWhenMoreThanHalfTheFreeCellsHoldRobotsPursuingGoals() {
        // Seven one-cell bays whose robots stand on their goals, and a two-cell bay where robot 7 gets a goal
        // last: 8 robots pursue goals on 9 free cells, more than the 4 admitted, so the newest goal waits.
        GridMap map = Grids.of(".@.@.@.@.@.@.@..");
        assertEquals(map.cell(0, 14), firstStepCellOfNewestGoal(map, true));
    }

    @Test
    void admitsTheNewestGoalWhenFewRobotsPursueGoals() {
        GridMap map = Grids.of(".@.@.@.@.@.@.@..");
        assertEquals(map.cell(0, 15), firstStepCellOfNewestGoal(map, false));
    }

    /** Robot 7 moves east in its bay toward its new goal unless held back; the bay robots have goals or not. */
    private static int firstStepCellOfNewestGoal(GridMap map, boolean othersHaveGoals) {
        int[] cells = new int[8];
        for (int k = 0; k < 7; k++) {
            cells[k] = map.cell(0, 2 * k);
        }
        cells[7] = map.cell(0, 14);
        Fleet fleet = Fleet.at(cells);
        for (int k = 0; k < 7 && othersHaveGoals; k++) {
            fleet.setGoal(k, cells[k]);
        }
        PriorityInheritancePlanner planner = planner(map, ActionModel.FOUR_CONNECTED);
        StepPlan plan = new StepPlan(fleet.size());
        for (int step = 0; step < 3; step++) {
            planner.planStep(fleet, NO_DEADLINE, plan);
            StepChecks.execute(fleet, plan);
        }
        fleet.setGoal(7, map.cell(0, 15));
        planner.planStep(fleet, NO_DEADLINE, plan);
        return plan.nextCell(7);
    }

    @Test
    void keepsEveryStepValidOnAFloorFullerThanTheAdmissionLimit() {
        GridMap map = Grids.of(
                "........",
                ".@..@...",
                "........",
                "...@..@.",
                "........");
        SplittableRandom random = new SplittableRandom(11);
        int[] cells = Grids.distinctFreeCells(map, 30, random);
        for (ActionModel model : ActionModel.values()) {
            Fleet fleet = Fleet.at(cells);
            int[] free = Grids.distinctFreeCells(map, map.passableCount(), random);
            PriorityInheritancePlanner planner = planner(map, model);
            StepPlan plan = new StepPlan(fleet.size());
            int arrivals = 0;
            for (int step = 0; step < 300; step++) {
                for (int r = 0; r < fleet.size(); r++) {
                    if (fleet.goal(r) == fleet.cell(r)) {
                        arrivals++;
                    }
                    if (fleet.goal(r) == GridMap.NONE || fleet.goal(r) == fleet.cell(r)) {
                        fleet.setGoal(r, free[random.nextInt(free.length)]);
                    }
                }
                planner.planStep(fleet, NO_DEADLINE, plan);
                StepChecks.assertValidStep(map, model, fleet, plan);
                StepChecks.execute(fleet, plan);
            }
            assertTrue(arrivals > 30, model + ": robots keep reaching goals, " + arrivals + " in 300 steps");
        }
    }
}
