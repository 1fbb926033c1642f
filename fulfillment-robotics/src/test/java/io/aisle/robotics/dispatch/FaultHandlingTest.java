package io.aisle.robotics.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.layout.Pod;
import io.aisle.robotics.layout.Station;
import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.task.PickTask;
import io.aisle.robotics.testing.Grids;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fault phase alone: what a fault closes and releases, and what a return to service opens again. */
class FaultHandlingTest {

    private static final long TIMEOUT_MILLIS = DispatchPhases.TELEMETRY_TIMEOUT_MILLIS;

    // Station at (0,0), one pod at (1,2), charger at (2,6).
    private final GridMap map = Grids.of(
            ".......",
            ".......",
            ".......");
    private final int podCell = map.cell(1, 2);
    private final WarehouseLayout layout = new WarehouseLayout(map, List.of(new Pod(0, podCell, Set.of("tea"))),
            List.of(new Station(0, map.cell(0, 0), 2)), List.of(map.cell(2, 6)), new int[] {podCell, map.cell(1, 3)});
    private final DispatchPhases phases = new DispatchPhases(layout);
    private final RobotRoster robots = phases.robots;
    private final ClosedCellRouting routing = phases.routing;
    private final PodInventory pods = phases.pods;
    private final TaskAssignment assignment = phases.assignment;
    private final FaultHandling faults = phases.faults;
    private final PickTask task = new PickTask(7, "o-1", "tea", 1, 0, 0);

    private int robotAt(int cell, long lastHeardMillis) {
        return phases.robotAt(cell, lastHeardMillis);
    }

    /** The robot received a command into {@code target} and has not confirmed it. */
    private void deliver(int r, int target) {
        robots.pending[r] = new RobotCommand(robots.ids[r], 1, Action.FORWARD, target, 0, 1);
        robots.delivered[r] = true;
        robots.fleet.hold(r, target);
    }

    @Test
    void faultsOnlyRobotsSilentForLongerThanTheTimeout() {
        int silent = robotAt(map.cell(0, 3), 0);
        int heard = robotAt(map.cell(0, 5), 1_000);
        faults.faultSilentRobots(TIMEOUT_MILLIS + 500);
        assertEquals(RobotState.FAULTED, robots.state[silent]);
        assertEquals(RobotState.IDLE, robots.state[heard]);
        assertTrue(routing.isBlocked(map.cell(0, 3)));
        assertFalse(routing.isBlocked(map.cell(0, 5)));
    }

    @Test
    void faultClosesBothCellsOfARobotWithADeliveredCommand() {
        int r = robotAt(map.cell(0, 3), 0);
        deliver(r, map.cell(0, 4));
        faults.fault(r, "lost");
        assertEquals(List.of(map.cell(0, 3), map.cell(0, 4)), routing.allCells());
        assertEquals(List.of(), routing.operatorCells());
    }

    @Test
    void faultQueuesATaskWhosePodWasNotLiftedAndFreesThePod() {
        int r = robotAt(map.cell(0, 3), 0);
        pods.reserve(0);
        robots.task[r] = task;
        robots.state[r] = RobotState.TO_POD;
        robots.goal[r] = podCell;
        faults.fault(r, "lost");
        assertEquals(List.of(task.withPod(-1)), assignment.queue());
        assertEquals(List.of(), pods.recoveries());
        assertEquals(0, pods.placeOnPod(task.withPod(-1)).podId(), "the pod is free for the next robot");
    }

    @Test
    void faultListsACarriedPodForRecoveryAndQueuesItsLine() {
        int r = robotAt(podCell, 0);
        pods.reserve(0);
        pods.pickUp(0);
        robots.task[r] = task;
        robots.state[r] = RobotState.CARRYING;
        robots.goal[r] = map.cell(0, 0);
        faults.fault(r, "lost");
        assertEquals(List.of(new PodRecovery(0, podCell, "r0")), pods.recoveries());
        assertEquals(List.of(task.withPod(-1)), assignment.queue());
        assertFalse(pods.stockedAnywhere("tea"), "the only pod with tea is on the faulted robot");
    }

    @Test
    void returnToServiceOpensItsCellsButNotOneAnotherFaultedRobotHolds() {
        int repaired = robotAt(map.cell(0, 3), 0);
        int stillBroken = robotAt(map.cell(0, 5), 0);
        deliver(repaired, map.cell(0, 4));
        deliver(stillBroken, map.cell(0, 4));
        faults.fault(repaired, "lost");
        faults.fault(stillBroken, "lost");
        FleetChange change = faults.returnToService(repaired, 9_000);
        assertEquals(FleetChange.Outcome.DONE, change.outcome());
        assertEquals(RobotState.IDLE, robots.state[repaired]);
        assertTrue(robots.awaitingSync[repaired], "it waits for its first telemetry");
        assertEquals(9_000, robots.lastHeardMillis[repaired]);
        assertFalse(routing.isBlocked(map.cell(0, 3)));
        assertTrue(routing.isBlocked(map.cell(0, 4)), "the other faulted robot may be in it");
        assertTrue(routing.isBlocked(map.cell(0, 5)));
    }

    @Test
    void returnToServiceKeepsACellAnOperatorClosed() {
        int r = robotAt(map.cell(0, 3), 0);
        faults.fault(r, "lost");
        routing.setClosedByOperator(map.cell(0, 3), true);
        faults.returnToService(r, 1);
        assertTrue(routing.isBlocked(map.cell(0, 3)));
        assertEquals(List.of(map.cell(0, 3)), routing.allCells());
    }

    @Test
    void refusesToReturnARobotThatIsNotFaulted() {
        int r = robotAt(map.cell(0, 3), 0);
        FleetChange change = faults.returnToService(r, 1);
        assertEquals(FleetChange.Outcome.NOT_FAULTED, change.outcome());
        assertFalse(robots.awaitingSync[r]);
    }
}
