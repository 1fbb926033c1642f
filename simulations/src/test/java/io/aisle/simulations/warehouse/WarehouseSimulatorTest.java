package io.aisle.simulations.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.map.MovingAiMapReader;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.problem.DelayConfig;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class WarehouseSimulatorTest {

    static GridMap grid(String... rows) throws IOException {
        StringBuilder text = new StringBuilder("height " + rows.length + "\nwidth " + rows[0].length() + "\nmap\n");
        for (String row : rows) {
            text.append(row).append('\n');
        }
        return new MovingAiMapReader().read("test.map", new StringReader(text.toString()));
    }

    @Test
    void aDelayedRobotHoldsUpTheRobotFollowingIt() throws IOException {
        GridMap map = grid("....");
        // Every step starts a delay for a robot that is not delayed yet: robot 0 is always delayed.
        WarehouseSimulator simulator = new WarehouseSimulator(map, ActionModel.FOUR_CONNECTED, new int[] {1, 0},
                new DelayConfig(1, 8, 8, 1.0), 0, 10, 1);
        simulator.issue(0, Action.EAST);
        simulator.issue(1, Action.EAST);
        Action[] executed = new Action[2];
        simulator.step(executed);
        assertEquals(1, simulator.cell(0), "delayed");
        assertEquals(0, simulator.cell(1), "waits for the cell ahead instead of hitting the delayed robot");
        assertTrue(simulator.hasPending(1));
    }

    @Test
    void moveFollowingARobotThatLeavesIsExecuted() throws IOException {
        GridMap map = grid("....");
        WarehouseSimulator simulator = new WarehouseSimulator(map, ActionModel.FOUR_CONNECTED, new int[] {1, 0},
                null, 0, 10, 1);
        simulator.issue(1, Action.EAST);
        simulator.issue(0, Action.EAST);
        Action[] executed = new Action[2];
        simulator.step(executed);
        assertEquals(2, simulator.cell(0));
        assertEquals(1, simulator.cell(1));
    }

    @Test
    void robotsAroundACycleRotateTogetherButASwapIsRefused() throws IOException {
        GridMap map = grid("..", "..");
        WarehouseSimulator cycle = new WarehouseSimulator(map, ActionModel.FOUR_CONNECTED, new int[] {0, 1, 3, 2},
                null, 0, 10, 1);
        cycle.issue(0, Action.EAST);
        cycle.issue(1, Action.SOUTH);
        cycle.issue(2, Action.WEST);
        cycle.issue(3, Action.NORTH);
        Action[] executed = new Action[4];
        cycle.step(executed);
        assertEquals(1, cycle.cell(0));
        assertEquals(0, cycle.cell(3));

        WarehouseSimulator swap = new WarehouseSimulator(map, ActionModel.FOUR_CONNECTED, new int[] {0, 1},
                null, 0, 10, 1);
        swap.issue(0, Action.EAST);
        swap.issue(1, Action.WEST);
        swap.step(new Action[2]);
        assertEquals(0, swap.cell(0));
        assertEquals(1, swap.cell(1));
    }

    @Test
    void brokenRobotsStopExecuting() throws IOException {
        GridMap map = grid("....");
        WarehouseSimulator simulator = new WarehouseSimulator(map, ActionModel.FOUR_CONNECTED, new int[] {0},
                null, 1.0, 1, 1);
        simulator.issue(0, Action.EAST);
        simulator.step(new Action[1]);
        assertTrue(simulator.isBroken(0));
        assertEquals(0, simulator.cell(0));
    }
}
