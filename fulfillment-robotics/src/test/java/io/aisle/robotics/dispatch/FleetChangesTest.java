package io.aisle.robotics.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.layout.Pod;
import io.aisle.robotics.layout.Station;
import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.task.Order;
import io.aisle.robotics.task.OrderLine;
import io.aisle.robotics.testing.Grids;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runtime changes of the dispatcher's fleet and orders, with robots that execute every command at once. */
class FleetChangesTest {

    // Row 0: station at (0,0); pods at (1,2) and (1,4); charger at (2,6).
    private final GridMap map = Grids.of(
            ".......",
            ".......",
            "..@.@..");
    private final ManualClock clock = new ManualClock();

    private Dispatcher dispatcher(List<String> ids, int... starts) {
        int storageA = map.cell(1, 2);
        int storageB = map.cell(1, 4);
        WarehouseLayout layout = new WarehouseLayout(map,
                List.of(new Pod(0, storageA, Set.of("soap")), new Pod(1, storageB, Set.of("tea", "soap"))),
                List.of(new Station(0, map.cell(0, 0), 2)), List.of(map.cell(2, 6)),
                new int[] {storageA, storageB, map.cell(1, 3)});
        return new Dispatcher(layout, ids, starts, DispatcherSettings.defaults(ActionModel.FOUR_CONNECTED), clock);
    }

    /** Ticks until {@code done} holds (at most 200 ticks), every robot executing its command and reporting. */
    private static WarehouseSnapshot runUntil(Dispatcher dispatcher, ManualClock clock, Predicate<WarehouseSnapshot> done) {
        for (int t = 0; t < 200; t++) {
            WarehouseSnapshot snapshot = dispatcher.snapshot();
            if (done.test(snapshot)) {
                return snapshot;
            }
            clock.advanceMillis(500);
            dispatcher.tick();
            for (RobotView robot : dispatcher.snapshot().robots()) {
                Optional<RobotCommand> command = dispatcher.nextCommand(robot.robotId());
                Telemetry report = command.map(c -> new Telemetry(robot.robotId(), c.targetCell(), c.targetHeading()))
                        .orElse(new Telemetry(robot.robotId(), robot.cell(), robot.heading()));
                dispatcher.acceptTelemetry(report);
            }
        }
        throw new AssertionError("not done after 200 ticks: " + dispatcher.snapshot());
    }

    private static RobotView robot(WarehouseSnapshot snapshot, String id) {
        return snapshot.robots().stream().filter(r -> r.robotId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void cancellingAnOrderWhosePodIsCarriedTakesThePodBackUnpicked() {
        Dispatcher dispatcher = dispatcher(List.of("r0"), map.cell(0, 6));
        dispatcher.submitOrder(new Order("o-1", List.of(new OrderLine("tea", 1), new OrderLine("soap", 1))));
        runUntil(dispatcher, clock, s -> robot(s, "r0").state() == RobotState.CARRYING);

        CancelReceipt receipt = dispatcher.cancelOrder("o-1");

        assertEquals(CancelReceipt.Outcome.CANCELLED, receipt.outcome());
        assertEquals(1, receipt.releasedTaskIds().size());
        assertEquals(1, receipt.returningPodIds().size());
        WarehouseSnapshot done = runUntil(dispatcher, clock, s -> robot(s, "r0").state() == RobotState.IDLE);
        assertEquals(0, done.linesPicked());
        assertEquals(0, done.queuedTasks());
        assertEquals(CancelReceipt.Outcome.ALREADY_CANCELLED, dispatcher.cancelOrder("o-1").outcome());
        assertEquals(CancelReceipt.Outcome.UNKNOWN_ORDER, dispatcher.cancelOrder("o-2").outcome());
    }

    @Test
    void theHigherPriorityOrderIsAssignedFirst() {
        Dispatcher dispatcher = dispatcher(List.of("r0"), map.cell(0, 6));
        dispatcher.submitOrder(new Order("o-low", List.of(new OrderLine("tea", 1))));
        OrderReceipt urgent = dispatcher.submitOrder(new Order("o-high", List.of(new OrderLine("soap", 1)), 9,
                Order.NO_DEADLINE));
        WarehouseSnapshot assigned = runUntil(dispatcher, clock, s -> robot(s, "r0").taskId() >= 0);
        assertEquals(urgent.taskIds().get(0), robot(assigned, "r0").taskId());
    }

    @Test
    void anOrderPastItsDeadlineIsListedUntilCancelled() {
        Dispatcher dispatcher = dispatcher(List.of("r0"), map.cell(0, 6));
        clock.advanceMillis(10_000);
        dispatcher.submitOrder(new Order("o-1", List.of(new OrderLine("tea", 1)), 0, 11_000));
        assertEquals(List.of(), dispatcher.snapshot().missedDeadlines());
        clock.advanceMillis(2_000);
        assertEquals(List.of("o-1"), dispatcher.snapshot().missedDeadlines().stream().map(OrderStatus::orderId).toList());
        dispatcher.cancelOrder("o-1");
        assertEquals(List.of(), dispatcher.snapshot().missedDeadlines());
    }

    @Test
    void aRemovedRobotsTaskIsFinishedByTheOther() {
        Dispatcher dispatcher = dispatcher(List.of("r0", "r1"), map.cell(0, 6), map.cell(2, 0));
        dispatcher.submitOrder(new Order("o-1", List.of(new OrderLine("tea", 1))));
        WarehouseSnapshot assigned = runUntil(dispatcher, clock, s -> s.robots().stream().anyMatch(r -> r.taskId() >= 0));
        String holder = assigned.robots().stream().filter(r -> r.taskId() >= 0).findFirst().orElseThrow().robotId();

        assertTrue(dispatcher.removeRobot(holder).done());

        WarehouseSnapshot done = runUntil(dispatcher, clock, s -> s.linesPicked() == 1);
        assertEquals(1, done.robots().size());
        assertFalse(dispatcher.hasRobot(holder));
        assertEquals(FleetChange.Outcome.UNKNOWN_ROBOT, dispatcher.removeRobot(holder).outcome());
    }

    @Test
    void anAddedRobotOnAFreeCellTakesWorkAndATakenCellIsRefused() {
        Dispatcher dispatcher = dispatcher(List.of("r0"), map.cell(0, 6));
        assertEquals(FleetChange.Outcome.CELL_TAKEN, dispatcher.addRobot("r1", map.cell(0, 6)).outcome());
        assertEquals(FleetChange.Outcome.INVALID_CELL, dispatcher.addRobot("r1", map.cell(2, 2)).outcome());
        assertEquals(FleetChange.Outcome.DUPLICATE_ROBOT, dispatcher.addRobot("r0", map.cell(0, 1)).outcome());
        assertTrue(dispatcher.addRobot("r1", map.cell(0, 1)).done());
        dispatcher.submitOrder(new Order("o-1", List.of(new OrderLine("tea", 1)), 0, Order.NO_DEADLINE));
        dispatcher.submitOrder(new Order("o-2", List.of(new OrderLine("soap", 1)), 0, Order.NO_DEADLINE));
        WarehouseSnapshot done = runUntil(dispatcher, clock, s -> s.linesPicked() == 2);
        assertEquals(2, done.ordersCompleted());
    }

    @Test
    void aFaultedRobotReturnedToServiceOpensItsCellAndWorksAgain() {
        Dispatcher dispatcher = dispatcher(List.of("r0"), map.cell(0, 6));
        assertEquals(FleetChange.Outcome.NOT_FAULTED, dispatcher.returnToService("r0").outcome());
        clock.advanceMillis(10_000);
        dispatcher.tick();
        assertEquals(RobotState.FAULTED, robot(dispatcher.snapshot(), "r0").state());
        assertEquals(List.of(map.cell(0, 6)), dispatcher.snapshot().blockedCells());

        assertTrue(dispatcher.returnToService("r0").done());

        assertEquals(List.of(), dispatcher.snapshot().blockedCells());
        dispatcher.submitOrder(new Order("o-1", List.of(new OrderLine("tea", 1))));
        assertEquals(1, runUntil(dispatcher, clock, s -> s.linesPicked() == 1).ordersCompleted());
    }

    @Test
    void idleRobotsDriveToTheParkingCellsAndLeaveThemForWork() {
        Dispatcher dispatcher = dispatcher(List.of("r0", "r1"), map.cell(0, 3), map.cell(1, 6));
        dispatcher.setParkingCell(map.cell(2, 0), true);
        dispatcher.setParkingCell(map.cell(2, 1), true);
        Set<Integer> parking = Set.of(map.cell(2, 0), map.cell(2, 1));
        runUntil(dispatcher, clock, s -> s.robots().stream().map(RobotView::cell).collect(Collectors.toSet())
                .equals(parking));
        dispatcher.submitOrder(new Order("o-1", List.of(new OrderLine("tea", 1))));
        WarehouseSnapshot done = runUntil(dispatcher, clock, s -> s.linesPicked() == 1
                && s.robots().stream().allMatch(r -> r.state() == RobotState.IDLE && parking.contains(r.cell())));
        assertEquals(1, done.ordersCompleted());
    }

    @Test
    void aReportedBatteryIsBelievedAndSendsTheRobotToCharge() {
        Dispatcher dispatcher = dispatcher(List.of("r0"), map.cell(0, 6));
        assertEquals(TelemetryResult.Outcome.INVALID_BATTERY,
                dispatcher.acceptTelemetry(new Telemetry("r0", map.cell(0, 6), 0, 101.0)).outcome());
        assertTrue(dispatcher.acceptTelemetry(new Telemetry("r0", map.cell(0, 6), 0, 12.0)).accepted());
        WarehouseSnapshot charging = runUntil(dispatcher, clock, s -> robot(s, "r0").cell() == map.cell(2, 6));
        assertEquals(RobotState.CHARGING, robot(charging, "r0").state());
        assertEquals(12.0, robot(charging, "r0").batteryPercent(), 1e-9);
        assertTrue(dispatcher.acceptTelemetry(new Telemetry("r0", map.cell(2, 6), robot(charging, "r0").heading(), 100.0))
                .accepted());
        assertEquals(RobotState.IDLE, robot(runUntil(dispatcher, clock, s -> robot(s, "r0").state() != RobotState.CHARGING),
                "r0").state());
    }
}
