package io.aisle.robotics.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.testing.Grids;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The charging phase alone: who goes to which charger, the battery model, and leaving a charger when full. */
class ChargingPolicyTest {

    private final GridMap map = Grids.of(
            ".......",
            ".......",
            ".......");
    private final int westCharger = map.cell(2, 0);
    private final int eastCharger = map.cell(2, 6);
    private final RobotRoster robots = new RobotRoster(map);
    private final ClosedCellRouting routing = new ClosedCellRouting(map, new DistanceOracle(map, 16), robots);
    // Defaults: 0.1 % a move, 0.005 % a tick, 2 % a tick on a charger, below 20 % goes to charge.
    private final ChargingPolicy charging = new ChargingPolicy(DispatcherSettings.defaults(ActionModel.FOUR_CONNECTED),
            List.of(westCharger, eastCharger), map, robots, routing);

    private int robotAt(int cell, double batteryPercent) {
        int r = robots.add("r" + robots.size(), cell, 0);
        robots.battery[r] = batteryPercent;
        return r;
    }

    @Test
    void sendsALowIdleRobotToTheNearestFreeCharger() {
        int first = robotAt(map.cell(0, 1), 10);
        int second = robotAt(map.cell(0, 2), 10);
        assertTrue(charging.sendToChargeIfLow(first));
        assertTrue(charging.sendToChargeIfLow(second));
        assertEquals(RobotState.CHARGING, robots.state[first]);
        assertEquals(westCharger, robots.goal[first]);
        assertEquals(eastCharger, robots.goal[second], "the nearer charger is taken");
    }

    @Test
    void keepsARobotWithChargeEnoughAtWork() {
        int r = robotAt(map.cell(0, 1), 20);
        assertTrue(charging.canWork(r));
        assertFalse(charging.sendToChargeIfLow(r));
        assertEquals(RobotState.IDLE, robots.state[r]);
    }

    @Test
    void sendsNobodyWhenEveryChargerIsClosed() {
        int r = robotAt(map.cell(0, 1), 5);
        routing.setClosedByOperator(westCharger, true);
        routing.setClosedByOperator(eastCharger, true);
        assertFalse(charging.sendToChargeIfLow(r));
        assertEquals(RobotState.IDLE, robots.state[r]);
    }

    @Test
    void chargesUntilFullThenFreesTheChargerForTheNextRobot() {
        int charged = robotAt(westCharger, 19);
        assertTrue(charging.sendToChargeIfLow(charged));
        robots.battery[charged] = 97;
        charging.chargeOneTick(charged);
        assertEquals(99, robots.battery[charged], 1e-9);
        assertEquals(RobotState.CHARGING, robots.state[charged]);
        charging.chargeOneTick(charged);
        assertEquals(100, robots.battery[charged], 1e-9);
        assertEquals(RobotState.IDLE, robots.state[charged]);
        assertEquals(GridMap.NONE, robots.goal[charged]);
        int next = robotAt(map.cell(1, 0), 3);
        assertTrue(charging.sendToChargeIfLow(next));
        assertEquals(westCharger, robots.goal[next]);
    }

    @Test
    void doesNotChargeARobotStillOnItsWayToTheCharger() {
        int r = robotAt(map.cell(0, 1), 10);
        charging.sendToChargeIfLow(r);
        charging.chargeOneTick(r);
        assertEquals(10, robots.battery[r], 1e-9);
    }

    @Test
    void believesAReportedChargeOverTheModel() {
        int r = robotAt(map.cell(0, 1), 80);
        charging.drainForMove(r);
        charging.drainForTick(r);
        assertEquals(80 - 0.1 - 0.005, robots.battery[r], 1e-9);
        charging.readBattery(r, 42.0);
        charging.drainForMove(r);
        charging.drainForTick(r);
        assertEquals(42, robots.battery[r], 1e-9);
        charging.readBattery(r, null);
        assertEquals(42, robots.battery[r], 1e-9, "no reading changes nothing");
    }
}
