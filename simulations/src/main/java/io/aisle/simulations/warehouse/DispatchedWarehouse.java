package io.aisle.simulations.warehouse;

import io.aisle.robotics.dispatch.Dispatcher;
import io.aisle.robotics.dispatch.ManualClock;
import io.aisle.robotics.dispatch.DispatcherSettings;
import io.aisle.robotics.dispatch.RobotCommand;
import io.aisle.robotics.dispatch.Telemetry;
import io.aisle.robotics.dispatch.WarehouseSnapshot;
import io.aisle.robotics.layout.Pod;
import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.problem.DelayConfig;
import io.aisle.robotics.task.Order;
import io.aisle.robotics.task.OrderLine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A whole warehouse in one process: WMS orders arrive at random, the {@link Dispatcher} ticks once per simulated
 * second, and simulated robots fetch commands, execute them (unless delayed) and report their pose, the way
 * robots would over the dispatch API. Every tick's executed moves are checked by a {@link StepValidator}, which
 * also counts a move into a cell closed by an operator as invalid.
 */
public final class DispatchedWarehouse {

    private static final long TICK_MILLIS = 1_000;

    private DispatchedWarehouse() {
    }

    /**
     * @param ordersPerTick mean WMS orders per tick (1 to 3 lines each)
     * @param delays        robot delays, or null
     */
    public static DispatchReport run(GridMap map, ActionModel model, int robots, int ticks, double ordersPerTick,
                                     DelayConfig delays, long seed) {
        return run(map, model, robots, ticks, ordersPerTick, delays, 0, seed);
    }

    /**
     * @param cellsToClose aisle cells (not storage, station or charger) an operator closes, drawn at random, from a
     *                     quarter of the run until three quarters of it; 0 for none
     */
    public static DispatchReport run(GridMap map, ActionModel model, int robots, int ticks, double ordersPerTick,
                                     DelayConfig delays, int cellsToClose, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        WarehouseLayout layout = WarehouseLayout.derive(map, 200, 4, 3, Math.max(1, robots / 10), seed);
        int[] starts = startCells(map, layout, robots, random);
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < robots; r++) {
            ids.add("robot-" + r);
        }
        ManualClock clock = new ManualClock();
        Dispatcher dispatcher = new Dispatcher(layout, ids, starts, DispatcherSettings.defaults(model), clock);
        int[] cell = starts.clone();
        int[] heading = new int[robots];
        int[] delayLeft = new int[robots];
        int[] cellBefore = new int[robots];
        int[] headingBefore = new int[robots];
        Action[] executed = new Action[robots];
        BitSet closed = new BitSet(map.cellCount());
        StepValidator validator = new StepValidator(map, model, closed::get);
        int[] closing = aisleCells(map, layout, cellsToClose, new SplittableRandom(seed + 1));
        int maxStuckTasks = 0;
        SplittableRandom delayRandom = new SplittableRandom(delays == null ? seed : delays.seed());
        List<String> skus = new ArrayList<>();
        for (Pod pod : layout.pods()) {
            // Sorted: a pod's SKU set iterates in an order that changes from one JVM to the next.
            pod.skus().stream().sorted().forEach(skus::add);
        }
        double[] tickMillis = new double[ticks];
        long submitted = 0;
        long refused = 0;
        long delayEvents = 0;
        long nextOrder = 1;
        for (int t = 0; t < ticks; t++) {
            int arrivals = (int) ordersPerTick + (random.nextDouble() < ordersPerTick % 1 ? 1 : 0);
            for (int k = 0; k < arrivals && !skus.isEmpty(); k++) {
                List<OrderLine> lines = new ArrayList<>();
                int count = 1 + random.nextInt(3);
                for (int l = 0; l < count; l++) {
                    lines.add(new OrderLine(skus.get(random.nextInt(skus.size())), 1 + random.nextInt(2)));
                }
                if (dispatcher.submitOrder(new Order("order-" + nextOrder++, lines)).accepted()) {
                    submitted++;
                }
            }
            if (t == ticks / 4 || t == 3 * ticks / 4) {
                // Between ticks, as an operator's call would land; the validator checks the next moves against it.
                for (int aisle : closing) {
                    dispatcher.setCellBlocked(aisle, t == ticks / 4);
                    closed.set(aisle, t == ticks / 4);
                }
            }
            clock.advanceMillis(TICK_MILLIS);
            long start = System.nanoTime();
            dispatcher.tick();
            tickMillis[t] = (System.nanoTime() - start) / 1e6;
            maxStuckTasks = Math.max(maxStuckTasks, dispatcher.snapshot().stuckTasks().size());
            for (int r = 0; r < robots; r++) {
                cellBefore[r] = cell[r];
                headingBefore[r] = heading[r];
                executed[r] = Action.WAIT;
                if (delays != null && delayLeft[r] == 0 && delayRandom.nextDouble() < delays.eventProbability()) {
                    delayLeft[r] = delays.minSteps() + delayRandom.nextInt(delays.maxSteps() - delays.minSteps() + 1);
                    delayEvents++;
                }
            }
            // Robots poll until nobody gets a new command: a follower's command is released once the robot
            // ahead has reported leaving.
            Set<Integer> done = new HashSet<>();
            boolean progress = true;
            while (progress) {
                progress = false;
                for (int r = 0; r < robots; r++) {
                    if (delayLeft[r] > 0 || done.contains(r)) {
                        continue;
                    }
                    Optional<RobotCommand> command = dispatcher.nextCommand(ids.get(r));
                    if (command.isPresent()) {
                        executed[r] = command.get().action();
                        cell[r] = command.get().targetCell();
                        heading[r] = command.get().targetHeading();
                        if (!dispatcher.acceptTelemetry(new Telemetry(ids.get(r), cell[r], heading[r])).accepted()) {
                            refused++;
                        }
                        done.add(r);
                        progress = true;
                    }
                }
            }
            for (int r = 0; r < robots; r++) {
                if (delayLeft[r] > 0) {
                    delayLeft[r]--;
                }
                if (!done.contains(r) && !dispatcher.acceptTelemetry(new Telemetry(ids.get(r), cell[r], heading[r]))
                        .accepted()) {
                    refused++;
                }
            }
            validator.check(t, cellBefore, headingBefore, executed, cell, heading);
        }
        WarehouseSnapshot end = dispatcher.snapshot();
        double[] sorted = tickMillis.clone();
        Arrays.sort(sorted);
        return new DispatchReport(robots, ticks, submitted, end.linesPicked(), end.ordersCompleted(),
                validator.collisions(), validator.invalidActions(), refused, WarehouseRun.percentile(sorted, 0.5),
                WarehouseRun.percentile(sorted, 0.99), delayEvents, closing.length, maxStuckTasks);
    }

    /** The cells robots must not start on nor find closed: storage cells and stations. */
    private static Set<Integer> storageAndStations(WarehouseLayout layout) {
        Set<Integer> reserved = new HashSet<>();
        for (int cell : layout.storageCells()) {
            reserved.add(cell);
        }
        layout.stations().forEach(station -> reserved.add(station.cell()));
        return reserved;
    }

    /**
     * Distinct random start cells for a fleet, in the aisles: never on storage or a station.
     *
     * @throws IllegalArgumentException when the map has fewer such cells than robots
     */
    public static int[] startCells(GridMap map, WarehouseLayout layout, int robots, SplittableRandom random) {
        return distinctAisleCells(map, storageAndStations(layout), robots, random, "robots");
    }

    /** Aisle cells (not storage, station or charger) for an operator to close. */
    private static int[] aisleCells(GridMap map, WarehouseLayout layout, int count, SplittableRandom random) {
        Set<Integer> reserved = storageAndStations(layout);
        reserved.addAll(layout.chargers());
        return distinctAisleCells(map, reserved, count, random, "cellsToClose");
    }

    /** {@code count} distinct passable cells outside {@code reserved}, drawn by a partial shuffle. */
    private static int[] distinctAisleCells(GridMap map, Set<Integer> reserved, int count, SplittableRandom random,
                                            String what) {
        List<Integer> free = new ArrayList<>();
        for (int cell = 0; cell < map.cellCount(); cell++) {
            if (map.isPassable(cell) && !reserved.contains(cell)) {
                free.add(cell);
            }
        }
        if (count < 0 || count > free.size()) {
            throw new IllegalArgumentException(what + " must be in [0, " + free.size() + "] free aisle cells but was " + count);
        }
        int[] cells = new int[count];
        for (int k = 0; k < count; k++) {
            int pick = k + random.nextInt(free.size() - k);
            Integer swap = free.get(k);
            free.set(k, free.get(pick));
            free.set(pick, swap);
            cells[k] = free.get(k);
        }
        return cells;
    }
}
