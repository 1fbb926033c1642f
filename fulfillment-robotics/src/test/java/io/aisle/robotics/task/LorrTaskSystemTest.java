package io.aisle.robotics.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.planning.Fleet;
import io.aisle.robotics.problem.LorrProblem;
import io.aisle.robotics.problem.RulesEdition;
import io.aisle.robotics.testing.Grids;
import org.junit.jupiter.api.Test;

class LorrTaskSystemTest {

    private final GridMap map = Grids.of("..........");
    private final boolean[] allAvailable = {true, true};

    @Test
    void handsOut2023TasksRoundRobinAndCountsThemWhenReached() {
        LorrProblem problem = new LorrProblem("p", map, new int[] {0, 9}, new int[][] {{3}, {6}, {4}, {7}}, 1,
                RulesEdition.LORR_2023, null);
        LorrTaskSystem tasks = new LorrTaskSystem(problem, new DistanceOracle(map, 8));
        Fleet fleet = Fleet.at(new int[] {0, 9});
        tasks.update(fleet, allAvailable);
        assertEquals(3, fleet.goal(0));
        assertEquals(6, fleet.goal(1));
        fleet.place(0, 3, 0);
        tasks.update(fleet, allAvailable);
        assertEquals(1, tasks.tasksFinished());
        assertEquals(4, fleet.goal(0), "agent 0 gets task 0 + teamSize = 2");
    }

    @Test
    void finishesA2024TaskOnlyAfterItsErrandsInOrder() {
        LorrProblem problem = new LorrProblem("p", map, new int[] {0}, new int[][] {{2, 5}}, 1,
                RulesEdition.LORR_2024, null);
        LorrTaskSystem tasks = new LorrTaskSystem(problem, new DistanceOracle(map, 8));
        Fleet fleet = Fleet.at(new int[] {5});
        tasks.update(fleet, new boolean[] {true});
        assertEquals(0, tasks.errandsFinished(), "standing on the second errand first does not count");
        assertEquals(2, fleet.goal(0));
        fleet.place(0, 2, 0);
        tasks.update(fleet, new boolean[] {true});
        assertEquals(5, fleet.goal(0));
        fleet.place(0, 5, 0);
        tasks.update(fleet, new boolean[] {true});
        assertEquals(1, tasks.tasksFinished());
        assertEquals(2, tasks.errandsFinished());
    }

    @Test
    void givesANotStartedTaskToAMuchCloserAgent() {
        LorrProblem problem = new LorrProblem("p", map, new int[] {0, 9}, new int[][] {{8}}, 0.5,
                RulesEdition.LORR_2024, null);
        LorrTaskSystem tasks = new LorrTaskSystem(problem, new DistanceOracle(map, 8));
        Fleet fleet = Fleet.at(new int[] {0, 1});
        boolean[] onlyFirst = {true, false};
        tasks.update(fleet, onlyFirst);
        assertEquals(8, fleet.goal(0), "the only free agent takes the task");
        fleet.place(1, 9, 0);
        tasks.update(fleet, allAvailable);
        assertEquals(GridMap.NONE, fleet.goal(0));
        assertEquals(8, fleet.goal(1), "agent 1 next to the errand outbids agent 0");
        assertEquals(1, tasks.reassignments());
    }

    @Test
    void redispatchesTheTaskOfABrokenAgent() {
        LorrProblem problem = new LorrProblem("p", map, new int[] {0, 9}, new int[][] {{2, 7}}, 0.5,
                RulesEdition.LORR_2024, null);
        LorrTaskSystem tasks = new LorrTaskSystem(problem, new DistanceOracle(map, 8));
        Fleet fleet = Fleet.at(new int[] {1, 9});
        tasks.update(fleet, allAvailable);
        assertEquals(2, fleet.goal(0));
        fleet.place(0, 2, 0);
        tasks.update(fleet, allAvailable);
        assertEquals(7, fleet.goal(0), "started: first errand reached");
        boolean[] firstBroken = {false, true};
        tasks.update(fleet, firstBroken);
        assertEquals(7, fleet.goal(1), "the remaining errand goes to the working agent");
        assertEquals(GridMap.NONE, fleet.goal(0));
        assertEquals(1, tasks.errandsFinished());
    }
}
