package io.aisle.robotics.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.planning.Fleet;
import io.aisle.robotics.planning.StepPlan;
import java.util.HashMap;
import java.util.Map;

/** Assertions that a planned step is valid and conflict-free, and a helper that executes it. */
public final class StepChecks {

    private StepChecks() {
    }

    /** Fails on an invalid action, a vertex conflict or a swap (edge) conflict. */
    public static void assertValidStep(GridMap map, ActionModel model, Fleet fleet, StepPlan plan) {
        Map<Integer, Integer> endCells = new HashMap<>();
        for (int robot = 0; robot < fleet.size(); robot++) {
            int from = fleet.cell(robot);
            int expected = model.nextCell(map, from, fleet.heading(robot), plan.action(robot));
            assertNotEquals(GridMap.NONE, expected, "robot " + robot + " has an invalid action " + plan.action(robot));
            assertEquals(expected, plan.nextCell(robot), "robot " + robot + " next cell does not follow its action");
            Integer other = endCells.put(plan.nextCell(robot), robot);
            assertTrue(other == null, "vertex conflict of robots " + other + " and " + robot + " in " + plan.nextCell(robot));
        }
        Map<Integer, Integer> startCells = new HashMap<>();
        for (int robot = 0; robot < fleet.size(); robot++) {
            startCells.put(fleet.cell(robot), robot);
        }
        for (int robot = 0; robot < fleet.size(); robot++) {
            Integer atTarget = startCells.get(plan.nextCell(robot));
            if (atTarget != null && atTarget != robot) {
                assertTrue(plan.nextCell(atTarget) != fleet.cell(robot),
                        "robots " + robot + " and " + atTarget + " swap cells");
            }
        }
    }

    /** Moves every robot to its planned pose. */
    public static void execute(Fleet fleet, StepPlan plan) {
        for (int robot = 0; robot < fleet.size(); robot++) {
            fleet.place(robot, plan.nextCell(robot), plan.nextHeading(robot));
        }
    }
}
