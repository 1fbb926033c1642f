package io.aisle.robotics.dispatch;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.planning.Fleet;
import io.aisle.robotics.planning.PathPlanner;
import io.aisle.robotics.planning.StepPlan;
import io.aisle.robotics.task.Order;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Runs one warehouse: takes WMS orders, assigns pick tasks to robots, plans every robot's next action each tick
 * with the priority-inheritance planner, hands out commands and checks telemetry.
 *
 * <p><b>Commands and safety.</b> A command is binding once delivered by {@link #nextCommand}; until the robot
 * confirms its target pose by telemetry it is <em>held</em>, and the planner keeps both its cells free, so a
 * late robot (LoRR 2026-style delays) is never hit. A command into a cell whose robot has not confirmed leaving
 * is not delivered yet; an undelivered command is withdrawn at the next tick and planned again.
 *
 * <p><b>Faults.</b> A robot silent for longer than the telemetry timeout becomes {@link RobotState#FAULTED}: its
 * cell becomes an obstacle, its task returns to the queue, and a pod it carried is listed for recovery. Once repaired
 * it is {@linkplain #returnToService returned to service} and waits for its first telemetry, as after a restart.
 *
 * <p><b>Fleet changes.</b> Robots join ({@link #addRobot}) and leave ({@link #removeRobot}, its task re-dispatched)
 * while it runs; idle robots drive to {@linkplain #setParkingCell parking cells} when there are any
 * ({@link ParkingLot}). Orders carry a priority and a deadline and may be cancelled ({@link OrderBook}).
 *
 * <p><b>Closed cells.</b> An operator may close a cell ({@link #setCellBlocked}); from the next tick it is an
 * obstacle to the planner. A robot standing on it is not moved by magic: it may leave (an idle one is sent to the
 * nearest open cell), and no robot is commanded into it. A task whose pod, station or storage cell no route reaches
 * any more is moved to another pod, station or storage cell when one is reachable; otherwise it is listed as a
 * {@link StuckTask} in the snapshot and goes on by itself once the cell opens again.
 *
 * <p><b>Restart.</b> {@link #checkpoint} copies what is needed to resume; {@link #restore} loads it into a new
 * dispatcher. Restored robots wait, without commands, until their first telemetry: a robot reporting the
 * checkpoint's pose (or the target of the command it had received) goes on; one reporting another cell that no
 * other robot stands on, was sent into or is faulted on is taken there (it moved after the checkpoint); any other
 * report faults it.
 *
 * <p><b>Battery.</b> Modelled here (each confirmed move or turn and each tick drain it, a charger fills it) until a
 * robot reports its own reading by telemetry, which is believed from then on. An idle robot below the threshold is
 * sent to the nearest free charger and stays there until full.
 *
 * <p><b>Phases.</b> A tick runs, in this order: {@link FaultHandling} (silent robots), {@link TaskProgress}
 * (state machines, goals kept reachable around {@link ClosedCellRouting}'s closed cells, {@link ChargingPolicy}),
 * {@link TaskAssignment}, parking ({@link ParkingLot}), then planning and new commands, whose handshake with the
 * robots is {@link TelemetryHandshake}'s. {@link PodInventory} and {@link OrderBook} hold the pods and orders,
 * {@link CheckpointMapping} copies it all to and from a {@link DispatcherCheckpoint}; this class only coordinates.
 *
 * <p><b>Time.</b> Everything reads the clock it is given, the planning budget and the planner's deadline too
 * (nanoseconds from {@link Clock#instant()}), and the planner comes from a {@link PlannerFactory}: with a clock
 * that moves only when advanced ({@link ManualClock}) the same calls give the same commands and checkpoints.
 *
 * <p><b>Threads.</b> Every public method may be called from any thread; they serialize on this object's lock.
 * Only {@link #tick} changes plans, tasks and states; the others confirm telemetry, enqueue orders or read.
 * Command listeners run on the ticking thread after the lock is released. A tick is O(robots) plus planning.
 */
public final class Dispatcher {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    /**
     * Stale distance tables recomputed per tick after a cell closes or opens. Every cached table goes stale at once;
     * recomputing all of them in one tick stalled a 1,000-robot, 500x140 warehouse for 0.8 s. Until its turn a robot
     * plans on its stale table, which costs detours but never a move into a closed cell.
     */
    private static final int REFRESHES_PER_TICK = 64;

    private final GridMap map;
    private final DispatcherSettings settings;
    private final Clock clock;
    private final DistanceOracle oracle;
    private final PathPlanner planner;
    private final RobotRoster robots;
    private final ClosedCellRouting routing;
    private final PodInventory pods;
    private final ChargingPolicy charging;
    private final OrderBook orders = new OrderBook();
    private final ParkingLot parking = new ParkingLot();
    private final TaskAssignment assignment;
    private final TaskProgress progress;
    private final FaultHandling faults;
    private final TelemetryHandshake handshake;
    private final CheckpointMapping checkpoints;
    private final List<StuckTask> stuck = new ArrayList<>();
    private final List<Consumer<RobotCommand>> listeners = new CopyOnWriteArrayList<>();
    private long tick;
    private long nextSequence = 1;
    private long lastPlanNanos;
    /** Robots added or removed since registration; 0 while the fleet is the one the dispatcher was built with. */
    private long fleetRevision;

    /**
     * A dispatcher planning with the planner its settings ask for ({@link PlannerFactory#fromSettings()}).
     *
     * @param robotIds   ids of the robots, in order
     * @param startCells confirmed start cell of each robot, distinct and passable; robots face east
     * @param clock      the only time source: telemetry timeouts, order timestamps, planning budget
     */
    public Dispatcher(WarehouseLayout layout, List<String> robotIds, int[] startCells, DispatcherSettings settings,
                      Clock clock) {
        this(layout, robotIds, startCells, settings, clock, PlannerFactory.fromSettings());
    }

    /**
     * @param robotIds       ids of the robots, in order
     * @param startCells     confirmed start cell of each robot, distinct and passable; robots face east
     * @param clock          the only time source: telemetry timeouts, order timestamps, planning budget
     * @param plannerFactory makes the planner, on this dispatcher's distance oracle and clock
     */
    public Dispatcher(WarehouseLayout layout, List<String> robotIds, int[] startCells, DispatcherSettings settings,
                      Clock clock, PlannerFactory plannerFactory) {
        if (robotIds.size() != startCells.length) {
            throw new IllegalArgumentException("robotIds has " + robotIds.size() + " ids but startCells has "
                    + startCells.length + " cells");
        }
        this.map = layout.map();
        this.settings = settings;
        this.clock = clock;
        int n = startCells.length;
        this.oracle = new DistanceOracle(map, DistanceOracle.capacityFor(map, n + layout.stations().size()
                + layout.chargers().size() + 1024, Runtime.getRuntime().maxMemory() / 2));
        this.planner = plannerFactory.create(map, oracle, settings, this::nanoTime);
        this.robots = new RobotRoster(map);
        robots.resize(n);
        long now = clock.millis();
        for (int r = 0; r < n; r++) {
            robots.register(r, robotIds.get(r), startCells[r], now);
        }
        this.routing = new ClosedCellRouting(map, oracle, robots);
        this.pods = new PodInventory(layout, routing, oracle);
        this.charging = new ChargingPolicy(settings, layout.chargers(), map, robots, routing);
        this.assignment = new TaskAssignment(layout, robots, pods, routing, charging, parking, orders);
        this.progress = new TaskProgress(layout, clock, robots, pods, routing, charging, parking, orders, assignment);
        this.faults = new FaultHandling(map, settings.telemetryTimeoutMillis(), robots, routing, pods, charging,
                parking, assignment);
        this.handshake = new TelemetryHandshake(map, clock, robots, routing, charging, faults);
        this.checkpoints = new CheckpointMapping(layout, robots, pods, routing, charging, parking, orders, assignment,
                progress);
    }

    /** The clock's time in nanoseconds since the epoch, the planner's time base. */
    private long nanoTime() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Registers a callback for every command planned by a tick, for push delivery (SSE). */
    public void addCommandListener(Consumer<RobotCommand> listener) {
        listeners.add(listener);
    }

    /**
     * Queues one pick task per order line. Refused as a whole, with nothing queued, when a SKU is on no
     * available pod or the order id was already submitted.
     */
    public synchronized OrderReceipt submitOrder(Order order) {
        return assignment.submit(order);
    }

    /**
     * Checks a robot's reported pose. Accepted when it is the confirmed pose or the target of the robot's
     * delivered command (which it then confirms). Never changes any other robot.
     */
    public synchronized TelemetryResult acceptTelemetry(Telemetry report) {
        return handshake.accept(report);
    }

    /**
     * The robot's current command, once it is safe to execute: its target cell is free of other robots by
     * confirmed positions. Returns the same command again until the robot confirms it; empty when there is
     * none or it must wait.
     */
    public synchronized Optional<RobotCommand> nextCommand(String robotId) {
        return handshake.nextCommand(robotId);
    }

    /**
     * Closes a cell (an operator is working there) or opens it again. A closed cell is an obstacle from the next
     * tick: a command into it that was not delivered yet is withdrawn; a delivered one is binding and completes.
     * Opening a cell that holds a faulted robot keeps it closed to the planner until the robot is cleared.
     *
     * @param cell a passable cell of the map
     * @return whether the operator's closed cells changed (false when it already was so)
     * @throws IllegalArgumentException when the cell is outside the map or an obstacle
     */
    public synchronized boolean setCellBlocked(int cell, boolean blocked) {
        ClosedCellRouting.requirePassable(map, cell);
        return routing.setClosedByOperator(cell, blocked);
    }

    /** The cells an operator has closed, ascending. */
    public synchronized List<Integer> closedCells() {
        return routing.operatorCells();
    }

    /**
     * Sets a cell aside for idle robots to wait on, or stops doing so. From the next tick an idle robot without a
     * parking cell drives to the nearest free one, so robots without work leave the aisles.
     *
     * @param cell a passable cell of the map
     * @return whether the parking cells changed (false when it already was so)
     * @throws IllegalArgumentException when the cell is outside the map or an obstacle
     */
    public synchronized boolean setParkingCell(int cell, boolean isParking) {
        ClosedCellRouting.requirePassable(map, cell);
        return parking.set(cell, isParking);
    }

    /** The parking cells, ascending. */
    public synchronized List<Integer> parkingCells() {
        return parking.cells();
    }

    /**
     * Adds a robot that stands, idle, at {@code cell} heading east; it may be given a task from the next tick.
     * Refused when the id is taken, the cell is not passable, or another robot stands on it, is bound for it or
     * faulted there, or an operator closed it.
     */
    public synchronized FleetChange addRobot(String robotId, int cell) {
        if (robots.contains(robotId)) {
            return new FleetChange(robotId, FleetChange.Outcome.DUPLICATE_ROBOT, "robot " + robotId
                    + " is already in the warehouse");
        }
        if (!map.isPassable(cell)) {
            return new FleetChange(robotId, FleetChange.Outcome.INVALID_CELL, "cell " + map.describe(cell)
                    + " is not a passable cell");
        }
        if (robots.robotAt[cell] >= 0 || routing.isBlocked(cell) || robots.heldByOther(cell, -1)) {
            return new FleetChange(robotId, FleetChange.Outcome.CELL_TAKEN, "cell " + map.describe(cell)
                    + " has another robot on it, is bound for by one, or is closed");
        }
        robots.add(robotId, cell, clock.millis());
        fleetRevision++;
        LOG.log(System.Logger.Level.INFO, "robot {0} added at {1}", robotId, map.describe(cell));
        return new FleetChange(robotId, FleetChange.Outcome.DONE, "added at " + map.describe(cell));
    }

    /**
     * Takes a robot out of the warehouse (it was driven off the floor). Its task goes back to the queue for another
     * robot; a pod it carried is listed for recovery, as after a fault; the cells of a faulted robot open again.
     */
    public synchronized FleetChange removeRobot(String robotId) {
        int r = robots.find(robotId);
        if (r < 0) {
            return new FleetChange(robotId, FleetChange.Outcome.UNKNOWN_ROBOT, "unknown robot " + robotId);
        }
        faults.prepareRemoval(r);
        robots.remove(r);
        fleetRevision++;
        LOG.log(System.Logger.Level.INFO, "robot {0} removed", robotId);
        return new FleetChange(robotId, FleetChange.Outcome.DONE, "removed");
    }

    /**
     * Returns a repaired faulted robot to service: its cells open to the planner again and, like a robot after a
     * restart, it waits without commands for its first telemetry, which is accepted from any cell no other robot
     * holds. A pod it carried stays listed for recovery.
     */
    public synchronized FleetChange returnToService(String robotId) {
        int r = robots.find(robotId);
        if (r < 0) {
            return new FleetChange(robotId, FleetChange.Outcome.UNKNOWN_ROBOT, "unknown robot " + robotId);
        }
        return faults.returnToService(r, clock.millis());
    }

    /**
     * Cancels an order: its queued tasks and those whose robot has not reached the pod are dropped (the robots are
     * free for other work), and a robot carrying one of its pods takes it back to storage unpicked. Refused, changing
     * nothing, for an unknown, completed or already cancelled order.
     */
    public synchronized CancelReceipt cancelOrder(String orderId) {
        CancelReceipt receipt = assignment.cancel(orderId, clock.millis());
        if (receipt.outcome() == CancelReceipt.Outcome.CANCELLED) {
            LOG.log(System.Logger.Level.INFO, "order {0} cancelled: tasks {1} released, pods {2} return to storage",
                    orderId, receipt.releasedTaskIds(), receipt.returningPodIds());
        }
        return receipt;
    }

    /** Whether a robot with this id is in the warehouse now. */
    public synchronized boolean hasRobot(String robotId) {
        return robots.contains(robotId);
    }

    /** Where a submitted order stands; empty for an unknown order id. */
    public synchronized Optional<OrderStatus> findOrder(String orderId) {
        return orders.find(orderId);
    }

    /**
     * How many robots were faulted since this dispatcher started or was restored. A fault is an input nobody sends
     * again (the robot is silent, or reported it once), so a replicated owner checkpoints when this changes.
     */
    public synchronized long faultsRecorded() {
        return faults.faultsRecorded();
    }

    /** Runs one dispatcher step: faults, task progress, charging, assignment, planning, new commands. */
    public void tick() {
        List<RobotCommand> issued;
        synchronized (this) {
            issued = tickLocked();
        }
        for (RobotCommand command : issued) {
            for (Consumer<RobotCommand> listener : listeners) {
                listener.accept(command);
            }
        }
    }

    private List<RobotCommand> tickLocked() {
        tick++;
        oracle.limitRefreshes(REFRESHES_PER_TICK);
        faults.faultSilentRobots(clock.millis());
        if (awaitingFleetAfterRestore()) {
            return List.of();
        }
        withdrawUndeliveredCommands();
        stuck.clear();
        for (int r = 0; r < robots.size(); r++) {
            robots.stuck[r] = false;
            if (robots.state[r] != RobotState.FAULTED && robots.pending[r] == null && !robots.awaitingSync[r]) {
                progress.advance(r);
                robots.stuck[r] = !progress.reroute(r, stuck);
            }
        }
        assignment.assign(stuck);
        parkIdleRobots();
        setPlanningGoals();
        long start = nanoTime();
        planner.planStep(robots.fleet, start + settings.planBudgetMillis() * 1_000_000, robots.plan);
        lastPlanNanos = nanoTime() - start;
        return issueCommands();
    }

    /**
     * After a restore nothing moves until every robot in service has reported where it is, or has been faulted as
     * silent: the checkpoint can be ticks older than the floor, and a plan from its cells could send a robot into a
     * cell that another one has reached since.
     */
    private boolean awaitingFleetAfterRestore() {
        if (robots.resynchronizing && !robots.anyAwaitingSync()) {
            robots.resynchronizing = false;
        }
        return robots.resynchronizing;
    }

    /** An undelivered command is planned again from the robot's confirmed pose. */
    private void withdrawUndeliveredCommands() {
        for (int r = 0; r < robots.size(); r++) {
            if (robots.pending[r] != null && !robots.delivered[r]) {
                robots.pending[r] = null;
            }
        }
    }

    /**
     * Sends every idle robot that has no parking cell yet, or stands elsewhere, to the nearest free parking cell;
     * without parking cells idle robots stay where they are. One distance lookup per robot and parking cell.
     */
    private void parkIdleRobots() {
        for (int r = 0; r < robots.size(); r++) {
            if (robots.state[r] != RobotState.IDLE || robots.awaitingSync[r] || !assignment.isAvailable(r)) {
                continue;
            }
            int here = robots.fleet.cell(r);
            int self = r;
            int cell = parking.claim(robots.ids[r], to -> routing.distanceTo(to, here),
                    to -> !routing.isBlocked(to) && (robots.robotAt[to] < 0 || robots.robotAt[to] == self)
                            && !robots.heldByOther(to, self));
            robots.goal[r] = cell < 0 ? GridMap.NONE : cell;
        }
    }

    /** Hands the planner each robot's goal, and holds the robots that must stay where they are. */
    private void setPlanningGoals() {
        Fleet fleet = robots.fleet;
        for (int r = 0; r < robots.size(); r++) {
            // Faulted robots, robots being picked from, charging robots and flat batteries stay where they are.
            RobotState state = robots.state[r];
            boolean fixed = state == RobotState.FAULTED || robots.awaitingSync[r] || state == RobotState.AT_STATION
                    || (state == RobotState.CHARGING && fleet.cell(r) == robots.goal[r]) || charging.isFlat(r);
            int plannedGoal = fixed || robots.stuck[r] ? GridMap.NONE : robots.goal[r];
            if (plannedGoal == GridMap.NONE && !fixed && routing.isClosedByOperator(fleet.cell(r))) {
                plannedGoal = routing.nearestOpenCell(fleet.cell(r));
            }
            fleet.setGoal(r, plannedGoal);
            if (fixed && robots.pending[r] == null) {
                fleet.hold(r, fleet.cell(r));
            } else if (robots.pending[r] == null) {
                fleet.release(r);
            }
        }
    }

    /** One command per robot the plan moves; every robot's modelled battery drains for the tick. */
    private List<RobotCommand> issueCommands() {
        StepPlan plan = robots.plan;
        List<RobotCommand> issued = new ArrayList<>();
        for (int r = 0; r < robots.size(); r++) {
            charging.drainForTick(r);
            if (robots.fleet.isHeld(r) || plan.action(r) == Action.WAIT) {
                continue;
            }
            robots.pending[r] = new RobotCommand(robots.ids[r], nextSequence++, plan.action(r), plan.nextCell(r),
                    plan.nextHeading(r), tick);
            robots.delivered[r] = false;
            issued.add(robots.pending[r]);
        }
        return issued;
    }

    /** What is needed to resume after a restart, copied under the lock: O(robots + pods + queue + orders). */
    public synchronized DispatcherCheckpoint checkpoint() {
        return checkpoints.capture(tick, nextSequence, fleetRevision);
    }

    /**
     * Loads a checkpoint into this dispatcher, which must be new (no tick run, no order submitted) and built for
     * the same layout and robots. Every robot then waits for its first telemetry (see the class comment); the
     * telemetry timeout counts from now.
     *
     * @throws IllegalArgumentException naming what does not fit this dispatcher; the dispatcher must then be
     *     dropped, as part of the checkpoint may have been loaded
     */
    public synchronized void restore(DispatcherCheckpoint checkpoint) {
        if (tick != 0 || !orders.isEmpty()) {
            throw new IllegalStateException("restore needs a new dispatcher, but this one has run " + tick + " ticks");
        }
        checkpoints.restore(checkpoint, clock.millis());
        fleetRevision = checkpoint.fleetRevision();
        tick = checkpoint.tick();
        nextSequence = Math.max(checkpoint.nextSequence(), firstSequenceAfterRestore(clock.millis()));
    }

    /**
     * The checkpoint can be ticks older than the last command its previous owner issued, and a robot takes a command
     * whose sequence it has already executed for a repeat: continuing from the checkpoint's sequence would hand
     * robots numbers they have seen. After a restore sequences go on from a thousand per millisecond of the clock
     * (1,700,000,000,000,000 in 2023, below 2^53 until the year 2255, so JavaScript reads them exactly), beyond
     * anything an owner that started earlier issued unless it averaged more than a thousand commands a millisecond.
     */
    static long firstSequenceAfterRestore(long nowMillis) {
        return Math.multiplyExact(Math.max(nowMillis, 0), 1_000L);
    }

    /** A consistent copy of the state. */
    public synchronized WarehouseSnapshot snapshot() {
        List<RobotView> views = new ArrayList<>(robots.size());
        for (int r = 0; r < robots.size(); r++) {
            RobotCommand command = robots.deliveredCommand(r);
            views.add(new RobotView(robots.ids[r], robots.fleet.cell(r), robots.fleet.heading(r), robots.state[r],
                    robots.battery[r], robots.task[r] == null ? -1 : robots.task[r].taskId(),
                    command != null ? command.targetCell() : -1));
        }
        return new WarehouseSnapshot(tick, views, assignment.queued(), progress.linesPicked(),
                progress.ordersCompleted(), routing.allCells(), routing.operatorCells(), pods.recoveries(), stuck,
                lastPlanNanos / 1_000, parking.cells(), orders.cancelledCount(), orders.missedDeadlines(clock.millis()));
    }
}
