package io.aisle.robotics.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.layout.Pod;
import io.aisle.robotics.layout.Station;
import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.task.Order;
import io.aisle.robotics.task.OrderLine;
import io.aisle.robotics.task.PickTask;
import io.aisle.robotics.testing.Grids;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The assignment phase alone: which robot gets which task, taking tasks over, and cancelling. */
class TaskAssignmentTest {

    // Station at (0,0); pod 0 (soap) at (1,2), pod 1 (tea) at (1,12).
    private final GridMap map = Grids.of(
            "...............",
            "...............",
            "...............");
    private final int soapPod = map.cell(1, 2);
    private final int teaPod = map.cell(1, 12);
    private final WarehouseLayout layout = new WarehouseLayout(map,
            List.of(new Pod(0, soapPod, Set.of("soap")), new Pod(1, teaPod, Set.of("tea"))),
            List.of(new Station(0, map.cell(0, 0), 2)), List.of(map.cell(2, 14)),
            new int[] {soapPod, teaPod, map.cell(1, 7)});
    private final DispatchPhases phases = new DispatchPhases(layout);
    private final RobotRoster robots = phases.robots;
    private final PodInventory pods = phases.pods;
    private final OrderBook orders = phases.orders;
    private final TaskAssignment assignment = phases.assignment;
    private final List<StuckTask> stuck = new ArrayList<>();

    private int robotAt(int cell) {
        return phases.robotAt(cell, 0);
    }

    private static Order order(String id, String sku) {
        return new Order(id, List.of(new OrderLine(sku, 1)));
    }

    @Test
    void refusesAnOrderWithAnUnstockedSkuAndQueuesNothing() {
        OrderReceipt receipt = assignment.submit(new Order("o-1",
                List.of(new OrderLine("tea", 1), new OrderLine("rice", 1))));
        assertEquals(OrderReceipt.Outcome.SKU_NOT_STOCKED, receipt.outcome());
        assertEquals(0, assignment.queued());
        assertEquals(OrderReceipt.Outcome.ACCEPTED, assignment.submit(order("o-1", "tea")).outcome(),
                "a refused order id was never taken");
    }

    @Test
    void givesTheTaskToTheIdleRobotNearestItsPod() {
        int far = robotAt(map.cell(0, 3));
        int near = robotAt(map.cell(0, 11));
        assignment.submit(order("o-1", "tea"));
        assignment.assign(stuck);
        assertEquals(RobotState.TO_POD, robots.state[near]);
        assertEquals(teaPod, robots.goal[near]);
        assertEquals(1, robots.task[near].podId());
        assertEquals(RobotState.IDLE, robots.state[far]);
        assertEquals(0, assignment.queued());
        assertEquals(List.of(), stuck);
    }

    @Test
    void leavesATaskQueuedWhileTheOnlyIdleRobotIsLow() {
        int r = robotAt(map.cell(0, 11));
        robots.battery[r] = 10;
        assignment.submit(order("o-1", "tea"));
        assignment.assign(stuck);
        assertEquals(RobotState.IDLE, robots.state[r]);
        assertEquals(1, assignment.queued());
    }

    @Test
    void aRobotCloserByMoreThanTheMarginTakesOverATaskBeforeItsPodIsReached() {
        int onItsWay = robotAt(map.cell(0, 14));
        assignment.submit(order("o-1", "soap"));
        assignment.assign(stuck);
        assertEquals(RobotState.TO_POD, robots.state[onItsWay]);
        int closer = robotAt(map.cell(0, 2));
        assignment.assign(stuck);
        assertEquals(RobotState.TO_POD, robots.state[closer]);
        assertEquals(soapPod, robots.goal[closer]);
        assertEquals(RobotState.IDLE, robots.state[onItsWay]);
        assertEquals(null, robots.task[onItsWay]);
    }

    @Test
    void aRobotCloserByLessThanTheMarginLeavesTheTask() {
        int onItsWay = robotAt(map.cell(1, 7));
        assignment.submit(order("o-1", "soap"));
        assignment.assign(stuck);
        int closer = robotAt(map.cell(1, 4));
        assignment.assign(stuck);
        assertEquals(RobotState.TO_POD, robots.state[onItsWay], "5 moves against 2 is not closer by 4");
        assertEquals(RobotState.IDLE, robots.state[closer]);
    }

    @Test
    void cancellingReleasesQueuedAndUnliftedTasksAndSendsACarriedPodBack() {
        int fetching = robotAt(map.cell(0, 3));
        int carrying = robotAt(map.cell(0, 11));
        assignment.submit(new Order("o-1", List.of(new OrderLine("soap", 1), new OrderLine("tea", 1),
                new OrderLine("tea", 2))));
        assignment.assign(stuck);
        PickTask lifted = robots.task[carrying];
        pods.pickUp(lifted.podId());
        robots.state[carrying] = RobotState.CARRYING;
        CancelReceipt receipt = assignment.cancel("o-1", 5_000);
        assertEquals(CancelReceipt.Outcome.CANCELLED, receipt.outcome());
        // Task 3 (the second tea line) was still queued; task 1 (soap) was on its way to its pod.
        assertEquals(List.of(3L, 1L), receipt.releasedTaskIds());
        assertEquals(List.of(1), receipt.returningPodIds());
        assertEquals(RobotState.IDLE, robots.state[fetching]);
        assertEquals(RobotState.RETURNING, robots.state[carrying]);
        assertEquals(teaPod, robots.goal[carrying], "the pod's own cell is free again");
        assertEquals(0, assignment.queued());
        assertTrue(orders.isCancelled("o-1"));
        assertEquals(CancelReceipt.Outcome.ALREADY_CANCELLED, assignment.cancel("o-1", 6_000).outcome());
    }
}
