package io.aisle.robotics.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.testing.Grids;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The closed-cell phase alone: distances around closed cells, leaving one, and commands into one. */
class ClosedCellRoutingTest {

    private final GridMap map = Grids.of(
            ".....",
            ".@@@.",
            ".....");
    private final RobotRoster robots = new RobotRoster(map);
    private final ClosedCellRouting routing = new ClosedCellRouting(map, new DistanceOracle(map, 16), robots);

    private int robotAt(int cell) {
        return robots.add("r" + robots.size(), cell, 0);
    }

    @Test
    void routesAroundAClosedCell() {
        int from = map.cell(0, 0);
        int goal = map.cell(0, 4);
        assertEquals(4, routing.distanceTo(goal, from));
        routing.setClosedByOperator(map.cell(0, 2), true);
        assertEquals(8, routing.distanceTo(goal, from), "down, along the bottom row and up");
        routing.setClosedByOperator(map.cell(2, 2), true);
        assertEquals(ClosedCellRouting.UNREACHABLE, routing.distanceTo(goal, from));
        routing.setClosedByOperator(map.cell(0, 2), false);
        assertEquals(4, routing.distanceTo(goal, from), "a reopened cell counts at once");
    }

    @Test
    void aRobotOnAClosedCellLeavesThroughAnOpenNeighbour() {
        int closedUnderRobot = map.cell(0, 1);
        routing.setClosedByOperator(closedUnderRobot, true);
        assertEquals(3, routing.distanceTo(map.cell(0, 4), closedUnderRobot));
        robotAt(map.cell(0, 2));
        assertEquals(map.cell(0, 0), routing.nearestOpenCell(closedUnderRobot),
                "(0,2) is as near and open, but a robot stands on it");
    }

    @Test
    void closingACellWithdrawsOnlyAnUndeliveredCommandIntoIt() {
        int waiting = robotAt(map.cell(0, 0));
        int moving = robotAt(map.cell(0, 2));
        int target = map.cell(0, 1);
        robots.pending[waiting] = new RobotCommand("r0", 1, Action.FORWARD, target, 0, 1);
        robots.pending[moving] = new RobotCommand("r1", 2, Action.FORWARD, target, 2, 1);
        robots.delivered[moving] = true;
        assertTrue(routing.setClosedByOperator(target, true));
        assertNull(robots.pending[waiting]);
        assertNotNull(robots.pending[moving], "a delivered command is binding");
        assertFalse(routing.setClosedByOperator(target, true), "already closed");
    }

    @Test
    void aCellStaysClosedWhileAFaultKeepsItAfterTheOperatorOpensIt() {
        int cell = map.cell(2, 2);
        routing.setClosedByOperator(cell, true);
        routing.closeForFault(cell);
        routing.setClosedByOperator(cell, false);
        assertTrue(routing.isBlocked(cell));
        assertEquals(List.of(cell), routing.allCells());
        assertEquals(List.of(), routing.operatorCells());
    }
}
