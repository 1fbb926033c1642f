package io.aisle.robotics.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.layout.Pod;
import io.aisle.robotics.layout.Station;
import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.task.Order;
import io.aisle.robotics.task.OrderLine;
import io.aisle.robotics.testing.Grids;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private static final long TICK_MILLIS = 500;

    // Row 0: station at (0,0); row 2: storage cells with pods at (2,2) and (2,4); chargers at (1,6).
    private final GridMap map = Grids.of(
            ".......",
            ".......",
            "..@.@..");
    private final ManualClock clock = new ManualClock();

    private WarehouseLayout layout() {
        int storageA = map.cell(1, 2);
        int storageB = map.cell(1, 4);
        return new WarehouseLayout(map,
                List.of(new Pod(0, storageA, Set.of("soap")), new Pod(1, storageB, Set.of("tea", "soap"))),
                List.of(new Station(0, map.cell(0, 0), 2)), List.of(map.cell(2, 6)),
                new int[] {storageA, storageB, map.cell(1, 3)});
    }

    private Dispatcher dispatcher(int... starts) {
        List<String> ids = new java.util.ArrayList<>();
        for (int k = 0; k < starts.length; k++) {
            ids.add("r" + k);
        }
        return new Dispatcher(layout(), ids, starts, DispatcherSettings.defaults(ActionModel.FOUR_CONNECTED), clock);
    }

    /**
     * Robots that execute every command they can get at once, except the silent ones, and report it; then
     * every robot reports its pose so that none times out. Asserts that no two robots ever share a cell or swap
     * cells, and that no robot enters a cell an operator had closed before the tick.
     */
    private void runTicks(Dispatcher dispatcher, int ticks, Set<String> silent, Set<String> delayed) {
        for (int t = 0; t < ticks; t++) {
            clock.advanceMillis(TICK_MILLIS);
            Set<Integer> closed = Set.copyOf(dispatcher.closedCells());
            Map<String, Integer> before = new HashMap<>();
            dispatcher.snapshot().robots().forEach(robot -> before.put(robot.robotId(), robot.cell()));
            dispatcher.tick();
            boolean progress = true;
            Set<String> done = new HashSet<>();
            while (progress) {
                progress = false;
                for (RobotView robot : dispatcher.snapshot().robots()) {
                    if (silent.contains(robot.robotId()) || delayed.contains(robot.robotId())
                            || done.contains(robot.robotId())) {
                        continue;
                    }
                    Optional<RobotCommand> command = dispatcher.nextCommand(robot.robotId());
                    if (command.isPresent()) {
                        TelemetryResult result = dispatcher.acceptTelemetry(new Telemetry(robot.robotId(),
                                command.get().targetCell(), command.get().targetHeading()));
                        assertTrue(result.accepted(), result.message());
                        done.add(robot.robotId());
                        progress = true;
                    }
                }
            }
            Set<Integer> cells = new HashSet<>();
            Map<Integer, String> cameFrom = new HashMap<>();
            for (RobotView robot : dispatcher.snapshot().robots()) {
                int from = before.get(robot.robotId());
                assertTrue(cells.add(robot.cell()), "two robots in " + robot.cell());
                assertTrue(from == robot.cell() || !closed.contains(robot.cell()),
                        robot.robotId() + " entered closed cell " + robot.cell());
                if (from != robot.cell()) {
                    cameFrom.put(from, robot.robotId() + ">" + robot.cell());
                }
            }
            for (RobotView robot : dispatcher.snapshot().robots()) {
                int from = before.get(robot.robotId());
                String reverse = cameFrom.get(robot.cell());
                assertFalse(from != robot.cell() && reverse != null && reverse.endsWith(">" + from),
                        robot.robotId() + " swapped cells with " + reverse);
            }
            for (RobotView robot : dispatcher.snapshot().robots()) {
                if (!silent.contains(robot.robotId())) {
                    dispatcher.acceptTelemetry(new Telemetry(robot.robotId(), robot.cell(), robot.heading()));
                }
            }
        }
    }

    @Test
    void picksAnOrderLineAndReturnsThePodToStorage() {
        Dispatcher dispatcher = dispatcher(map.cell(0, 6));
        OrderReceipt receipt = dispatcher.submitOrder(new Order("o-1", List.of(new OrderLine("tea", 1))));
        assertTrue(receipt.accepted());
        runTicks(dispatcher, 40, Set.of(), Set.of());
        WarehouseSnapshot snapshot = dispatcher.snapshot();
        assertEquals(1, snapshot.linesPicked());
        assertEquals(1, snapshot.ordersCompleted());
        assertEquals(RobotState.IDLE, snapshot.robots().get(0).state());
    }

    @Test
    void picksWithTheWindowedImprovementSwitchedOn() {
        Dispatcher dispatcher = new Dispatcher(layout(), List.of("r0", "r1"), new int[] {map.cell(0, 6), map.cell(0, 3)},
                DispatcherSettings.defaults(ActionModel.ROTATION).withLookaheadWindow(4), clock);
        dispatcher.submitOrder(new Order("o-5", List.of(new OrderLine("tea", 1), new OrderLine("soap", 1))));
        runTicks(dispatcher, 80, Set.of(), Set.of());
        assertEquals(2, dispatcher.snapshot().linesPicked());
    }

    @Test
    void refusesAnOrderForASkuOnNoPod() {
        Dispatcher dispatcher = dispatcher(map.cell(0, 6));
        OrderReceipt receipt = dispatcher.submitOrder(new Order("o-2", List.of(new OrderLine("gold", 1))));
        assertEquals(OrderReceipt.Outcome.SKU_NOT_STOCKED, receipt.outcome());
        assertEquals(0, dispatcher.snapshot().queuedTasks());
    }

    @Test
    void refusesARepeatedOrderIdAsADuplicateAndQueuesNothing() {
        Dispatcher dispatcher = dispatcher(map.cell(0, 6));
        Order order = new Order("o-7", List.of(new OrderLine("tea", 1)));
        assertTrue(dispatcher.submitOrder(order).accepted());
        OrderReceipt again = dispatcher.submitOrder(order);
        assertEquals(OrderReceipt.Outcome.DUPLICATE_ORDER, again.outcome());
        assertEquals(List.of(), again.taskIds());
        assertEquals(1, dispatcher.snapshot().queuedTasks());
    }

    @Test
    void refusesTelemetryThatJumpsAndMovesNoRobot() {
        Dispatcher dispatcher = dispatcher(map.cell(0, 6), map.cell(0, 3));
        TelemetryResult result = dispatcher.acceptTelemetry(new Telemetry("r0", map.cell(0, 3), 0));
        assertEquals(TelemetryResult.Outcome.UNEXPECTED_POSE, result.outcome());
        assertEquals(map.cell(0, 6), dispatcher.snapshot().robots().get(0).cell());
        assertEquals(map.cell(0, 3), dispatcher.snapshot().robots().get(1).cell());
    }

    @Test
    void refusesTelemetryFromAnUnknownRobotOrOnAnObstacle() {
        Dispatcher dispatcher = dispatcher(map.cell(0, 6));
        assertEquals(TelemetryResult.Outcome.UNKNOWN_ROBOT,
                dispatcher.acceptTelemetry(new Telemetry("ghost", 0, 0)).outcome());
        assertEquals(TelemetryResult.Outcome.INVALID_POSE,
                dispatcher.acceptTelemetry(new Telemetry("r0", map.cell(2, 2), 0)).outcome());
    }

    @Test
    void faultsASilentRobotAndRedispatchesItsTask() {
        Dispatcher dispatcher = dispatcher(map.cell(0, 3), map.cell(2, 6));
        dispatcher.submitOrder(new Order("o-3", List.of(new OrderLine("tea", 1))));
        runTicks(dispatcher, 1, Set.of(), Set.of());
        assertEquals(RobotState.TO_POD, dispatcher.snapshot().robots().get(0).state(), "the nearer robot takes it");
        assertEquals(0, dispatcher.faultsRecorded());
        runTicks(dispatcher, 8, Set.of("r0"), Set.of());
        WarehouseSnapshot faulted = dispatcher.snapshot();
        assertEquals(RobotState.FAULTED, faulted.robots().get(0).state());
        assertEquals(1, dispatcher.faultsRecorded(), "the fault is counted, once");
        assertTrue(faulted.blockedCells().contains(faulted.robots().get(0).cell()));
        runTicks(dispatcher, 40, Set.of("r0"), Set.of());
        assertEquals(1, dispatcher.snapshot().linesPicked(), "the other robot picked the line");
    }

    @Test
    void neverCommandsARobotIntoTheCellOfADelayedRobot() {
        Dispatcher dispatcher = dispatcher(map.cell(0, 1), map.cell(0, 2));
        dispatcher.submitOrder(new Order("o-4", List.of(new OrderLine("soap", 1), new OrderLine("tea", 1))));
        // r0 receives commands but is late: it executes none for five ticks, while still reporting its pose.
        runTicks(dispatcher, 5, Set.of(), Set.of("r0"));
        for (RobotView robot : dispatcher.snapshot().robots()) {
            if (robot.robotId().equals("r1")) {
                assertNotEquals(map.cell(0, 1), robot.cell());
            }
        }
        runTicks(dispatcher, 60, Set.of(), Set.of());
        assertEquals(2, dispatcher.snapshot().linesPicked());
    }

    @Test
    void sendsARobotWithALowBatteryToTheCharger() {
        Dispatcher dispatcher = new Dispatcher(layout(), List.of("r0"), new int[] {map.cell(0, 3)},
                new DispatcherSettings(ActionModel.FOUR_CONNECTED, 3_000, 200, 0, 3, 40, 20, 1, 0), clock);
        runTicks(dispatcher, 28, Set.of(), Set.of());
        assertEquals(RobotState.CHARGING, dispatcher.snapshot().robots().get(0).state(), "below 20% after 27 ticks");
        runTicks(dispatcher, 8, Set.of(), Set.of());
        assertEquals(map.cell(2, 6), dispatcher.snapshot().robots().get(0).cell());
        runTicks(dispatcher, 6, Set.of(), Set.of());
        assertEquals(RobotState.IDLE, dispatcher.snapshot().robots().get(0).state(), "charged to full");
    }

    /** A tea pod and a soap pod on their homes, one spare storage cell, the station in the top-left corner. */
    private static WarehouseLayout teaAndSoapLayout(GridMap grid, int teaHome, int soapHome, int spareStorage) {
        return new WarehouseLayout(grid,
                List.of(new Pod(0, teaHome, Set.of("tea")), new Pod(1, soapHome, Set.of("soap"))),
                List.of(new Station(0, grid.cell(0, 0), 2)), List.of(), new int[] {teaHome, soapHome, spareStorage});
    }

    @Test
    void routesAroundACellClosedMidRunAndFinishesEveryOrderWithoutCollisions() {
        // A ring: rows 0 and 2 joined by columns 0 and 6. Closing (1,6) leaves only the way round by column 0.
        GridMap ring = Grids.of(
                ".......",
                ".@@@@@.",
                ".......",
                ".......");
        WarehouseLayout layout = teaAndSoapLayout(ring, ring.cell(2, 2), ring.cell(2, 4), ring.cell(3, 3));
        Dispatcher dispatcher = new Dispatcher(layout, List.of("r0", "r1", "r2"),
                new int[] {ring.cell(0, 6), ring.cell(0, 5), ring.cell(3, 6)},
                DispatcherSettings.defaults(ActionModel.FOUR_CONNECTED), clock);
        dispatcher.submitOrder(new Order("o-1", List.of(new OrderLine("tea", 1))));
        dispatcher.submitOrder(new Order("o-2", List.of(new OrderLine("soap", 1))));
        runTicks(dispatcher, 2, Set.of(), Set.of());
        int corridor = ring.cell(1, 6);
        assertTrue(dispatcher.setCellBlocked(corridor, true));

        runTicks(dispatcher, 120, Set.of(), Set.of());

        WarehouseSnapshot snapshot = dispatcher.snapshot();
        assertEquals(2, snapshot.ordersCompleted(), snapshot.toString());
        assertEquals(List.of(corridor), snapshot.closedCells());
        assertEquals(List.of(), snapshot.stuckTasks());
        for (RobotView robot : snapshot.robots()) {
            assertNotEquals(corridor, robot.cell());
        }
    }

    @Test
    void reportsTheTaskStuckWhenTheOnlyRouteToItsPodIsClosedAndFinishesItWhenReopened() {
        // The tea pod stands at the end of a dead end whose only entrance is (2,5).
        GridMap deadEnd = Grids.of(
                ".......",
                ".......",
                "@@@@@.@",
                "@@@@@.@");
        WarehouseLayout layout = teaAndSoapLayout(deadEnd, deadEnd.cell(3, 5), deadEnd.cell(1, 2), deadEnd.cell(1, 3));
        Dispatcher dispatcher = new Dispatcher(layout, List.of("r0"), new int[] {deadEnd.cell(0, 6)},
                DispatcherSettings.defaults(ActionModel.FOUR_CONNECTED), clock);
        int entrance = deadEnd.cell(2, 5);
        dispatcher.setCellBlocked(entrance, true);
        OrderReceipt tea = dispatcher.submitOrder(new Order("o-tea", List.of(new OrderLine("tea", 1))));
        dispatcher.submitOrder(new Order("o-soap", List.of(new OrderLine("soap", 1))));

        runTicks(dispatcher, 40, Set.of(), Set.of());

        WarehouseSnapshot blocked = dispatcher.snapshot();
        assertEquals(1, blocked.ordersCompleted(), "the soap order is not held up by the stuck tea line");
        assertEquals(List.of(new StuckTask(tea.taskIds().get(0), "o-tea", "", StuckTask.Reason.POD_UNREACHABLE)),
                blocked.stuckTasks());

        assertTrue(dispatcher.setCellBlocked(entrance, false));
        runTicks(dispatcher, 40, Set.of(), Set.of());

        WarehouseSnapshot reopened = dispatcher.snapshot();
        assertEquals(2, reopened.ordersCompleted());
        assertEquals(List.of(), reopened.stuckTasks());
    }

    @Test
    void idleRobotOnACellBeingClosedLeavesItAndNoRobotEntersIt() {
        Dispatcher dispatcher = dispatcher(map.cell(0, 3), map.cell(0, 6));
        int cell = map.cell(0, 3);
        dispatcher.setCellBlocked(cell, true);
        dispatcher.submitOrder(new Order("o-6", List.of(new OrderLine("tea", 1), new OrderLine("soap", 1))));

        runTicks(dispatcher, 60, Set.of(), Set.of());

        WarehouseSnapshot snapshot = dispatcher.snapshot();
        assertEquals(2, snapshot.linesPicked());
        for (RobotView robot : snapshot.robots()) {
            assertNotEquals(cell, robot.cell());
        }
        assertEquals(List.of(cell), snapshot.blockedCells());
    }

    @Test
    void reopeningTheCellOfAFaultedRobotKeepsItClosedToThePlanner() {
        Dispatcher dispatcher = dispatcher(map.cell(0, 3), map.cell(0, 6));
        runTicks(dispatcher, 8, Set.of("r0"), Set.of());
        int faulted = map.cell(0, 3);
        dispatcher.setCellBlocked(faulted, true);
        dispatcher.setCellBlocked(faulted, false);
        WarehouseSnapshot snapshot = dispatcher.snapshot();
        assertEquals(List.of(), snapshot.closedCells());
        assertEquals(List.of(faulted), snapshot.blockedCells());
    }

    private Dispatcher restored(DispatcherCheckpoint checkpoint, int... starts) {
        Dispatcher dispatcher = dispatcher(starts);
        dispatcher.restore(checkpoint);
        return dispatcher;
    }

    @Test
    void resumesFromACheckpointAndPicksEveryLineExactlyOnce() {
        int[] starts = {map.cell(0, 6), map.cell(0, 3)};
        Dispatcher first = dispatcher(starts);
        first.submitOrder(new Order("o-8", List.of(new OrderLine("tea", 1), new OrderLine("soap", 1))));
        first.submitOrder(new Order("o-9", List.of(new OrderLine("soap", 1))));
        runTicks(first, 6, Set.of(), Set.of());
        first.setCellBlocked(map.cell(2, 3), true);
        DispatcherCheckpoint checkpoint = first.checkpoint();
        assertTrue(first.snapshot().linesPicked() < 3, "the checkpoint is taken mid-run");

        Dispatcher second = restored(checkpoint, starts);
        assertEquals(first.snapshot().robots(), second.snapshot().robots());
        runTicks(second, 120, Set.of(), Set.of());

        WarehouseSnapshot done = second.snapshot();
        assertEquals(3, done.linesPicked());
        assertEquals(2, done.ordersCompleted());
        assertEquals(List.of(map.cell(2, 3)), done.closedCells());
        assertEquals(OrderReceipt.Outcome.DUPLICATE_ORDER,
                second.submitOrder(new Order("o-8", List.of(new OrderLine("tea", 1)))).outcome());
    }

    @Test
    void robotThatMovedAfterTheCheckpointIsTakenAtItsReportedCell() {
        int[] starts = {map.cell(0, 6), map.cell(0, 3)};
        Dispatcher second = restored(dispatcher(starts).checkpoint(), starts);
        TelemetryResult result = second.acceptTelemetry(new Telemetry("r0", map.cell(1, 6), 1));
        assertTrue(result.accepted(), result.message());
        assertEquals(map.cell(1, 6), second.snapshot().robots().get(0).cell());
        assertEquals(RobotState.IDLE, second.snapshot().robots().get(0).state());
    }

    @Test
    void robotReportingACellThatAnotherRobotHasConfirmedAfterARestartIsFaulted() {
        int[] starts = {map.cell(0, 6), map.cell(0, 3)};
        Dispatcher second = restored(dispatcher(starts).checkpoint(), starts);
        assertTrue(second.acceptTelemetry(new Telemetry("r1", map.cell(0, 3), 0)).accepted());

        TelemetryResult result = second.acceptTelemetry(new Telemetry("r0", map.cell(0, 3), 0));

        assertEquals(TelemetryResult.Outcome.ROBOT_FAULTED, result.outcome());
        assertEquals(RobotState.FAULTED, second.snapshot().robots().get(0).state());
        assertEquals(map.cell(0, 3), second.snapshot().robots().get(1).cell());
    }

    @Test
    void robotsThatSwappedCellsAfterTheCheckpointAreBothTakenWhereTheyReport() {
        int[] starts = {map.cell(0, 5), map.cell(0, 6)};
        Dispatcher second = restored(dispatcher(starts).checkpoint(), starts);

        TelemetryResult first = second.acceptTelemetry(new Telemetry("r0", map.cell(0, 6), 0));
        TelemetryResult other = second.acceptTelemetry(new Telemetry("r1", map.cell(0, 5), 0));

        assertTrue(first.accepted(), first.message());
        assertTrue(other.accepted(), other.message());
        List<RobotView> robots = second.snapshot().robots();
        assertEquals(List.of(map.cell(0, 6), map.cell(0, 5)), List.of(robots.get(0).cell(), robots.get(1).cell()));
        assertEquals(List.of(RobotState.IDLE, RobotState.IDLE), List.of(robots.get(0).state(), robots.get(1).state()));
    }

    @Test
    void afterARestoreNoRobotIsCommandedUntilEveryRobotHasReported() {
        int[] starts = {map.cell(0, 6), map.cell(0, 3)};
        Dispatcher first = dispatcher(starts);
        first.submitOrder(new Order("o-7", List.of(new OrderLine("tea", 1))));
        Dispatcher second = restored(first.checkpoint(), starts);
        assertTrue(second.acceptTelemetry(new Telemetry("r0", map.cell(0, 6), 0)).accepted());

        clock.advanceMillis(TICK_MILLIS);
        second.tick();
        assertEquals(Optional.empty(), second.nextCommand("r0"), "r1 has not said where it is");

        assertTrue(second.acceptTelemetry(new Telemetry("r1", map.cell(1, 3), 0)).accepted());
        clock.advanceMillis(TICK_MILLIS);
        second.tick();
        assertTrue(second.nextCommand("r0").isPresent() || second.nextCommand("r1").isPresent(),
                "the fleet moves once every robot has reported");
    }

    @Test
    void robotAwaitingItsFirstReportAfterARestoreIsNotSentTheCommandOfTheCheckpoint() {
        int[] starts = {map.cell(0, 6), map.cell(0, 3)};
        Dispatcher first = dispatcher(starts);
        first.submitOrder(new Order("o-7", List.of(new OrderLine("tea", 1))));
        clock.advanceMillis(TICK_MILLIS);
        first.tick();
        String moving = first.nextCommand("r0").isPresent() ? "r0" : "r1";
        RobotCommand delivered = first.nextCommand(moving).orElseThrow();
        Dispatcher second = restored(first.checkpoint(), starts);

        assertEquals(Optional.empty(), second.nextCommand(moving), "it may have executed the command and driven on");

        RobotView atCheckpoint = second.snapshot().robots().get(moving.equals("r0") ? 0 : 1);
        assertTrue(second.acceptTelemetry(new Telemetry(moving, atCheckpoint.cell(), atCheckpoint.heading())).accepted());
        assertEquals(Optional.of(delivered.sequence()), second.nextCommand(moving).map(RobotCommand::sequence),
                "reported where the command starts: it had not executed it");
    }

    @Test
    void commandsAfterARestoreNumberBeyondEverySequenceThePreviousOwnerIssued() {
        int[] starts = {map.cell(0, 6), map.cell(0, 3)};
        Dispatcher first = dispatcher(starts);
        first.submitOrder(new Order("o-8", List.of(new OrderLine("tea", 1), new OrderLine("soap", 1))));
        runTicks(first, 2, Set.of(), Set.of());
        DispatcherCheckpoint checkpoint = first.checkpoint();
        long lastIssued = 0;
        for (int t = 0; t < 6; t++) {
            clock.advanceMillis(TICK_MILLIS);
            first.tick();
            for (String robot : List.of("r0", "r1")) {
                Optional<RobotCommand> command = first.nextCommand(robot);
                if (command.isPresent()) {
                    lastIssued = Math.max(lastIssued, command.get().sequence());
                    first.acceptTelemetry(new Telemetry(robot, command.get().targetCell(), command.get().targetHeading()));
                }
            }
        }
        assertTrue(lastIssued >= checkpoint.nextSequence(), "the old owner issued commands after its checkpoint");

        Dispatcher second = restored(checkpoint, starts);
        for (RobotView robot : first.snapshot().robots()) {
            assertTrue(second.acceptTelemetry(new Telemetry(robot.robotId(), robot.cell(), robot.heading())).accepted());
        }
        clock.advanceMillis(TICK_MILLIS);
        second.tick();
        List<RobotCommand> issued = List.of("r0", "r1").stream().flatMap(robot -> second.nextCommand(robot).stream()).toList();

        assertFalse(issued.isEmpty(), "the restored fleet moves on");
        for (RobotCommand command : issued) {
            assertTrue(command.sequence() > lastIssued, command + " after " + lastIssued);
        }
    }

    @Test
    void aSilentRobotEndsTheWaitAfterARestoreByItsFault() {
        int[] starts = {map.cell(0, 6), map.cell(0, 3)};
        Dispatcher first = dispatcher(starts);
        first.submitOrder(new Order("o-7", List.of(new OrderLine("tea", 1))));
        Dispatcher second = restored(first.checkpoint(), starts);

        runTicks(second, 40, Set.of("r1"), Set.of());

        WarehouseSnapshot snapshot = second.snapshot();
        assertEquals(RobotState.FAULTED, snapshot.robots().get(1).state());
        assertEquals(1, snapshot.linesPicked(), "r0 picks the line once r1 is faulted");
    }

    @Test
    void refusesACheckpointOfAnotherFleet() {
        DispatcherCheckpoint checkpoint = dispatcher(map.cell(0, 6)).checkpoint();
        Dispatcher other = dispatcher(map.cell(0, 6), map.cell(0, 3));
        assertThrows(IllegalArgumentException.class, () -> other.restore(checkpoint));
    }

    @Test
    void carriedPodWhoseStationIsClosedIsReportedStuckAndDeliveredOnceItOpens() {
        Dispatcher dispatcher = dispatcher(map.cell(0, 6));
        OrderReceipt receipt = dispatcher.submitOrder(new Order("o-10", List.of(new OrderLine("tea", 1))));
        for (int t = 0; t < 20 && dispatcher.snapshot().robots().get(0).state() != RobotState.CARRYING; t++) {
            runTicks(dispatcher, 1, Set.of(), Set.of());
        }
        int station = map.cell(0, 0);
        dispatcher.setCellBlocked(station, true);
        runTicks(dispatcher, 10, Set.of(), Set.of());

        WarehouseSnapshot closed = dispatcher.snapshot();
        assertEquals(RobotState.CARRYING, closed.robots().get(0).state());
        assertEquals(List.of(new StuckTask(receipt.taskIds().get(0), "o-10", "r0", StuckTask.Reason.STATION_UNREACHABLE)),
                closed.stuckTasks());

        dispatcher.setCellBlocked(station, false);
        runTicks(dispatcher, 30, Set.of(), Set.of());
        assertEquals(1, dispatcher.snapshot().linesPicked());
        assertEquals(List.of(), dispatcher.snapshot().stuckTasks());
    }

    @Test
    void robotReportingAClosedCellAfterARestartIsTakenThereAndLeavesIt() {
        int[] starts = {map.cell(0, 6), map.cell(0, 3)};
        Dispatcher first = dispatcher(starts);
        int closed = map.cell(1, 6);
        first.setCellBlocked(closed, true);
        Dispatcher second = restored(first.checkpoint(), starts);
        assertTrue(second.acceptTelemetry(new Telemetry("r0", closed, 1)).accepted());
        runTicks(second, 5, Set.of(), Set.of());
        assertNotEquals(closed, second.snapshot().robots().get(0).cell());
        assertEquals(RobotState.IDLE, second.snapshot().robots().get(0).state());
    }
}
