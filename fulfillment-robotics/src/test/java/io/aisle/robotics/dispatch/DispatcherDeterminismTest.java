package io.aisle.robotics.dispatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.planning.PathPlanner;
import io.aisle.robotics.planning.StepOutcome;
import io.aisle.robotics.task.Order;
import io.aisle.robotics.task.OrderLine;
import io.aisle.robotics.testing.Grids;
import io.aisle.robotics.testing.SteppingClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A dispatcher run is a function of its inputs and its clock. */
class DispatcherDeterminismTest {

    private static final int ROBOTS = 24;
    private static final int TICKS = 150;

    private final GridMap map = Grids.warehouse(4, 3, 2);
    private final WarehouseLayout layout = WarehouseLayout.derive(map, 40, 3, 2, 3, 11);

    /** What a run produced: every command in the order it was handed out, and the final checkpoint as text. */
    private record Run(List<String> actions, byte[] checkpoint, long linesPicked) {
    }

    /**
     * Seeded orders, robots that sometimes run late and one that falls silent for good, an operator closing and
     * reopening a cell; every command a robot takes and every telemetry outcome is recorded.
     */
    private Run run(Clock clock, ManualClock tickClock, DispatcherSettings settings) {
        SplittableRandom random = new SplittableRandom(5);
        int[] starts = Grids.distinctFreeCells(map, ROBOTS, new SplittableRandom(3));
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < ROBOTS; r++) {
            ids.add("robot-" + r);
        }
        Dispatcher dispatcher = new Dispatcher(layout, ids, starts, settings, clock);
        List<String> skus = layout.skus();
        List<String> actions = new ArrayList<>();
        int aisle = map.cell(0, 3);
        for (int t = 0; t < TICKS; t++) {
            if (random.nextDouble() < 0.6) {
                List<OrderLine> lines = List.of(new OrderLine(skus.get(random.nextInt(skus.size())), 1));
                actions.add(dispatcher.submitOrder(new Order("order-" + t, lines)).toString());
            }
            if (t == TICKS / 3 || t == 2 * TICKS / 3) {
                dispatcher.setCellBlocked(aisle, t == TICKS / 3);
            }
            if (tickClock != null) {
                tickClock.advanceMillis(500);
            }
            dispatcher.tick();
            for (String id : ids) {
                if (id.equals("robot-1") && t > TICKS / 2) {
                    continue;
                }
                Optional<RobotCommand> command = dispatcher.nextCommand(id);
                boolean late = random.nextDouble() < 0.1;
                if (command.isPresent() && !late) {
                    actions.add(command.get().toString());
                    actions.add(dispatcher.acceptTelemetry(new Telemetry(id, command.get().targetCell(),
                            command.get().targetHeading())).toString());
                }
            }
            for (RobotView robot : dispatcher.snapshot().robots()) {
                if (!robot.robotId().equals("robot-1") || t <= TICKS / 2) {
                    dispatcher.acceptTelemetry(new Telemetry(robot.robotId(), robot.cell(), robot.heading()));
                }
            }
        }
        return new Run(actions, dispatcher.checkpoint().toString().getBytes(StandardCharsets.UTF_8),
                dispatcher.snapshot().linesPicked());
    }

    private void assertSameRuns(Supplier<Run> run) {
        Run first = run.get();
        Run second = run.get();
        assertTrue(first.linesPicked() > 0, "the run picked nothing, so it shows nothing");
        assertEquals(first.actions(), second.actions());
        assertArrayEquals(first.checkpoint(), second.checkpoint());
    }

    @Test
    void sameInputsAndManualClockGiveTheSameCommandsAndCheckpoint() {
        assertSameRuns(() -> {
            ManualClock clock = new ManualClock();
            return run(clock, clock, DispatcherSettings.defaults(ActionModel.FOUR_CONNECTED));
        });
    }

    @Test
    void sameInputsAndSteppingClockGiveTheSameCommandsAndCheckpoint() {
        // 20 us a read against a 1 ms budget: the planner's deadline passes in some ticks, the same ones each run.
        DispatcherSettings settings = new DispatcherSettings(ActionModel.ROTATION, 3_000_000, 1, 0.1, 0.005, 2.0,
                20, 1, 0);
        assertSameRuns(() -> run(new SteppingClock(1_000, 20_000), null, settings.withLookaheadWindow(3)));
    }

    @Test
    void plansWithTheInjectedPlanner() {
        List<Long> deadlines = new ArrayList<>();
        PlannerFactory waitingPlanner = (plannerMap, oracle, settings, nanoClock) -> (PathPlanner) (fleet, deadline, out) -> {
            deadlines.add(deadline - nanoClock.getAsLong());
            for (int r = 0; r < fleet.size(); r++) {
                out.set(r, Action.WAIT, fleet.cell(r), fleet.heading(r));
            }
            return new StepOutcome(fleet.size(), false, 0);
        };
        ManualClock clock = new ManualClock();
        Dispatcher dispatcher = new Dispatcher(layout, List.of("r0"), new int[] {starts()[0]},
                DispatcherSettings.defaults(ActionModel.FOUR_CONNECTED), clock, waitingPlanner);
        dispatcher.submitOrder(new Order("o-1", List.of(new OrderLine(layout.skus().get(0), 1))));
        clock.advanceMillis(500);
        dispatcher.tick();
        assertEquals(Optional.empty(), dispatcher.nextCommand("r0"));
        // The budget is on the dispatcher's clock, which does not move while it plans.
        assertEquals(List.of(200_000_000L), deadlines);
    }

    private int[] starts() {
        return Grids.distinctFreeCells(map, 1, new SplittableRandom(3));
    }
}
