package io.aisle.robotics.dispatch;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.layout.Pod;
import io.aisle.robotics.layout.Station;
import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.planning.Fleet;
import io.aisle.robotics.planning.LookaheadPlanner;
import io.aisle.robotics.planning.PathPlanner;
import io.aisle.robotics.planning.PriorityInheritancePlanner;
import io.aisle.robotics.planning.StepPlan;
import io.aisle.robotics.task.Order;
import io.aisle.robotics.task.OrderLine;
import io.aisle.robotics.task.PickTask;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
 * <p><b>Threads.</b> Every public method may be called from any thread; they serialize on this object's lock.
 * Only {@link #tick} changes plans, tasks and states; the others confirm telemetry, enqueue orders or read.
 * Command listeners run on the ticking thread after the lock is released. A tick is O(robots) plus planning.
 */
public final class Dispatcher {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    private static final int OUTBID_MARGIN = 4;
    private static final int UNREACHABLE = DistanceOracle.UNREACHABLE;
    /**
     * Stale distance tables recomputed per tick after a cell closes or opens. Every cached table goes stale at once;
     * recomputing all of them in one tick stalled a 1,000-robot, 500x140 warehouse for 0.8 s. Until its turn a robot
     * plans on its stale table, which costs detours but never a move into a closed cell.
     */
    private static final int REFRESHES_PER_TICK = 64;

    private final WarehouseLayout layout;
    private final GridMap map;
    private final DispatcherSettings settings;
    private final Clock clock;
    private final DistanceOracle oracle;
    private final PathPlanner planner;
    // Per-robot state, indexed by the robot's position in robotIds; resized when robots join or leave.
    private Fleet fleet;
    private StepPlan plan;
    private final Map<String, Integer> robotIndex = new HashMap<>();
    private String[] robotIds;
    private RobotState[] state;
    private double[] battery;
    private boolean[] batteryReported;
    private PickTask[] task;
    private int[] goal;
    private int[] serviceLeft;
    private long[] lastHeardMillis;
    private RobotCommand[] pending;
    private boolean[] delivered;
    private boolean[] awaitingSync;
    private boolean[] stuckRobot;
    private final int[] robotAt;
    private final int[] podCell;
    private final boolean[] podBusy;
    private final boolean[] podLost;
    private final int[] podAt;
    private final boolean[] returnTarget;
    private final int[] storageCells;
    private final boolean[] chargerTaken;
    private final ArrayDeque<PickTask> queue = new ArrayDeque<>();
    private final OrderBook orders = new OrderBook();
    private final ParkingLot parking = new ParkingLot();
    private final List<PodRecovery> recoveries = new ArrayList<>();
    private final BitSet closedByOperator = new BitSet();
    private final BitSet closedByFault = new BitSet();
    private final List<StuckTask> stuck = new ArrayList<>();
    private final List<Consumer<RobotCommand>> listeners = new CopyOnWriteArrayList<>();
    private long tick;
    private long nextTaskId = 1;
    private long nextSequence = 1;
    private long linesPicked;
    private long ordersCompleted;
    private long lastPlanNanos;
    /** Robots added or removed since registration; 0 while the fleet is the one the dispatcher was built with. */
    private long fleetRevision;

    /**
     * @param robotIds   ids of the robots, in order
     * @param startCells confirmed start cell of each robot, distinct and passable; robots face east
     */
    public Dispatcher(WarehouseLayout layout, List<String> robotIds, int[] startCells, DispatcherSettings settings,
                      Clock clock) {
        if (robotIds.size() != startCells.length) {
            throw new IllegalArgumentException("robotIds has " + robotIds.size() + " ids but startCells has "
                    + startCells.length + " cells");
        }
        this.layout = layout;
        this.map = layout.map();
        this.settings = settings;
        this.clock = clock;
        int n = startCells.length;
        this.oracle = new DistanceOracle(map, DistanceOracle.capacityFor(map, n + layout.stations().size()
                + layout.chargers().size() + 1024, Runtime.getRuntime().maxMemory() / 2));
        this.planner = settings.lookaheadWindow() > 0
                ? new LookaheadPlanner(map, oracle, settings.model(), System::nanoTime, settings.seed(),
                        settings.lookaheadWindow(), 3)
                : new PriorityInheritancePlanner(map, oracle, settings.model(), System::nanoTime, settings.seed(), true);
        this.fleet = new Fleet(n);
        this.plan = new StepPlan(n);
        this.robotIds = robotIds.toArray(new String[0]);
        this.state = new RobotState[n];
        this.battery = new double[n];
        this.batteryReported = new boolean[n];
        this.task = new PickTask[n];
        this.goal = new int[n];
        this.serviceLeft = new int[n];
        this.lastHeardMillis = new long[n];
        this.pending = new RobotCommand[n];
        this.delivered = new boolean[n];
        this.awaitingSync = new boolean[n];
        this.stuckRobot = new boolean[n];
        this.robotAt = new int[map.cellCount()];
        Arrays.fill(robotAt, -1);
        long now = clock.millis();
        for (int r = 0; r < n; r++) {
            if (robotIndex.put(this.robotIds[r], r) != null) {
                throw new IllegalArgumentException("duplicate robot id " + this.robotIds[r]);
            }
            if (!map.isPassable(startCells[r]) || robotAt[startCells[r]] >= 0) {
                throw new IllegalArgumentException("start of robot " + this.robotIds[r] + " "
                        + map.describe(startCells[r]) + " is an obstacle or taken");
            }
            fleet.place(r, startCells[r], 0);
            robotAt[startCells[r]] = r;
            state[r] = RobotState.IDLE;
            battery[r] = 100;
            goal[r] = GridMap.NONE;
            lastHeardMillis[r] = now;
        }
        int pods = layout.pods().size();
        this.podCell = new int[pods];
        this.podBusy = new boolean[pods];
        this.podLost = new boolean[pods];
        this.podAt = new int[map.cellCount()];
        this.returnTarget = new boolean[map.cellCount()];
        this.storageCells = layout.storageCells();
        this.chargerTaken = new boolean[map.cellCount()];
        Arrays.fill(podAt, -1);
        for (Pod pod : layout.pods()) {
            podCell[pod.id()] = pod.homeCell();
            podAt[pod.homeCell()] = pod.id();
        }
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
        if (orders.contains(order.orderId())) {
            return new OrderReceipt(order.orderId(), OrderReceipt.Outcome.DUPLICATE_ORDER, List.of(),
                    "order " + order.orderId() + " already submitted");
        }
        for (OrderLine line : order.lines()) {
            if (!stockedAnywhere(line.sku())) {
                return new OrderReceipt(order.orderId(), OrderReceipt.Outcome.SKU_NOT_STOCKED, List.of(),
                        "sku " + line.sku() + " is on no pod");
            }
        }
        List<Long> ids = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            Station station = layout.stations().get((int) (nextTaskId % layout.stations().size()));
            PickTask pickTask = new PickTask(nextTaskId++, order.orderId(), line.sku(), line.quantity(), -1,
                    station.id());
            queue.add(pickTask);
            ids.add(pickTask.taskId());
        }
        orders.open(order);
        return new OrderReceipt(order.orderId(), OrderReceipt.Outcome.ACCEPTED, ids, "");
    }

    private boolean stockedAnywhere(String sku) {
        for (Pod pod : layout.pods()) {
            if (!podLost[pod.id()] && pod.skus().contains(sku)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks a robot's reported pose. Accepted when it is the confirmed pose or the target of the robot's
     * delivered command (which it then confirms). Never changes any other robot.
     */
    public synchronized TelemetryResult acceptTelemetry(Telemetry report) {
        Integer index = robotIndex.get(report.robotId());
        if (index == null) {
            return refuse(TelemetryResult.Outcome.UNKNOWN_ROBOT, "unknown robot " + report.robotId());
        }
        int r = index;
        if (!map.isPassable(report.cell()) || report.heading() < 0 || report.heading() > 3) {
            return refuse(TelemetryResult.Outcome.INVALID_POSE, "robot " + report.robotId() + " reported cell "
                    + map.describe(report.cell()) + " heading " + report.heading() + ", not a free cell and heading");
        }
        Double reported = report.batteryPercent();
        if (reported != null && !(reported >= 0 && reported <= 100)) {
            return refuse(TelemetryResult.Outcome.INVALID_BATTERY, "robot " + report.robotId() + " reported battery "
                    + reported + ", not a percentage in [0, 100]");
        }
        if (state[r] == RobotState.FAULTED) {
            return refuse(TelemetryResult.Outcome.ROBOT_FAULTED, "robot " + report.robotId() + " is faulted");
        }
        boolean unchanged = report.cell() == fleet.cell(r) && report.heading() == fleet.heading(r);
        RobotCommand command = pending[r];
        boolean arrived = command != null && delivered[r] && report.cell() == command.targetCell()
                && report.heading() == command.targetHeading();
        if (awaitingSync[r] && !unchanged && !arrived) {
            TelemetryResult result = resynchronize(r, report);
            if (result.accepted()) {
                readBattery(r, reported);
            }
            return result;
        }
        awaitingSync[r] = false;
        if (!unchanged && !arrived) {
            return refuse(TelemetryResult.Outcome.UNEXPECTED_POSE, "robot " + report.robotId() + " reported "
                    + map.describe(report.cell()) + " but is at " + map.describe(fleet.cell(r))
                    + (command != null && delivered[r] ? " commanded to " + map.describe(command.targetCell()) : ""));
        }
        lastHeardMillis[r] = clock.millis();
        if (arrived) {
            confirmPose(r, command.targetCell(), command.targetHeading());
            if (!batteryReported[r]) {
                battery[r] = Math.max(0, battery[r] - settings.drainPerMove());
            }
        }
        readBattery(r, reported);
        return new TelemetryResult(TelemetryResult.Outcome.ACCEPTED, "ok");
    }

    /**
     * A robot that reports its charge is believed from then on: the modelled drain and charging stop for it, so the
     * two never fight over the number.
     */
    private void readBattery(int r, Double reported) {
        if (reported != null) {
            battery[r] = reported;
            batteryReported[r] = true;
        }
    }

    /**
     * First telemetry after a restore from a pose the checkpoint does not have: the robot moved after the
     * checkpoint was taken. Taken at the reported pose when no other robot stands on that cell, was sent into it or
     * is faulted there; faulted otherwise, because then two robots may be in one cell. A cell an operator closed
     * is no conflict: the robot is taken there and leaves it like any robot caught on a closing cell.
     */
    private TelemetryResult resynchronize(int r, Telemetry report) {
        int cell = report.cell();
        boolean taken = (robotAt[cell] >= 0 && robotAt[cell] != r) || closedByFault.get(cell);
        for (int other = 0; other < robotIds.length && !taken; other++) {
            taken = other != r && fleet.heldTarget(other) == cell;
        }
        if (taken) {
            String conflict = "reported " + map.describe(cell) + " after a restart, a cell another robot holds";
            fault(r, conflict);
            return refuse(TelemetryResult.Outcome.ROBOT_FAULTED, "robot " + report.robotId() + " " + conflict
                    + ": faulted");
        }
        awaitingSync[r] = false;
        lastHeardMillis[r] = clock.millis();
        confirmPose(r, cell, report.heading());
        LOG.log(System.Logger.Level.INFO, "robot {0} taken at {1} after a restart", robotIds[r], map.describe(cell));
        return new TelemetryResult(TelemetryResult.Outcome.ACCEPTED, "taken at " + map.describe(cell)
                + " after a restart");
    }

    /** The robot is confirmed at a pose; its command, if any, is done. */
    private void confirmPose(int r, int cell, int heading) {
        robotAt[fleet.cell(r)] = -1;
        fleet.place(r, cell, heading);
        robotAt[cell] = r;
        pending[r] = null;
        delivered[r] = false;
        fleet.release(r);
    }

    private static TelemetryResult refuse(TelemetryResult.Outcome outcome, String message) {
        LOG.log(System.Logger.Level.WARNING, "telemetry refused: {0}", message);
        return new TelemetryResult(outcome, message);
    }

    /**
     * The robot's current command, once it is safe to execute: its target cell is free of other robots by
     * confirmed positions. Returns the same command again until the robot confirms it; empty when there is
     * none or it must wait.
     */
    public synchronized Optional<RobotCommand> nextCommand(String robotId) {
        Integer index = robotIndex.get(robotId);
        if (index == null || pending[index] == null) {
            return Optional.empty();
        }
        int r = index;
        int occupant = robotAt[pending[r].targetCell()];
        if (!delivered[r] && occupant >= 0 && occupant != r) {
            return Optional.empty();
        }
        delivered[r] = true;
        fleet.hold(r, pending[r].targetCell());
        return Optional.of(pending[r]);
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
        if (!map.isPassable(cell)) {
            throw new IllegalArgumentException("cell " + map.describe(cell) + " is not a passable cell");
        }
        if (closedByOperator.get(cell) == blocked) {
            return false;
        }
        closedByOperator.set(cell, blocked);
        oracle.setBlocked(cell, blocked || closedByFault.get(cell));
        if (blocked) {
            for (int r = 0; r < robotIds.length; r++) {
                if (pending[r] != null && !delivered[r] && pending[r].targetCell() == cell) {
                    pending[r] = null;
                }
            }
        }
        return true;
    }

    /** The cells an operator has closed, ascending. */
    public synchronized List<Integer> closedCells() {
        return closedByOperator.stream().boxed().toList();
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
        if (!map.isPassable(cell)) {
            throw new IllegalArgumentException("cell " + map.describe(cell) + " is not a passable cell");
        }
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
        if (robotIndex.containsKey(robotId)) {
            return new FleetChange(robotId, FleetChange.Outcome.DUPLICATE_ROBOT, "robot " + robotId
                    + " is already in the warehouse");
        }
        if (!map.isPassable(cell)) {
            return new FleetChange(robotId, FleetChange.Outcome.INVALID_CELL, "cell " + map.describe(cell)
                    + " is not a passable cell");
        }
        if (robotAt[cell] >= 0 || oracle.isBlocked(cell) || heldByOther(cell, -1)) {
            return new FleetChange(robotId, FleetChange.Outcome.CELL_TAKEN, "cell " + map.describe(cell)
                    + " has another robot on it, is bound for by one, or is closed");
        }
        int r = robotIds.length;
        resizeRobots(r + 1);
        robotIds[r] = robotId;
        robotIndex.put(robotId, r);
        fleet.place(r, cell, 0);
        robotAt[cell] = r;
        state[r] = RobotState.IDLE;
        battery[r] = 100;
        goal[r] = GridMap.NONE;
        lastHeardMillis[r] = clock.millis();
        fleetRevision++;
        LOG.log(System.Logger.Level.INFO, "robot {0} added at {1}", robotId, map.describe(cell));
        return new FleetChange(robotId, FleetChange.Outcome.DONE, "added at " + map.describe(cell));
    }

    /**
     * Takes a robot out of the warehouse (it was driven off the floor). Its task goes back to the queue for another
     * robot; a pod it carried is listed for recovery, as after a fault; the cells of a faulted robot open again.
     */
    public synchronized FleetChange removeRobot(String robotId) {
        Integer index = robotIndex.get(robotId);
        if (index == null) {
            return new FleetChange(robotId, FleetChange.Outcome.UNKNOWN_ROBOT, "unknown robot " + robotId);
        }
        int r = index;
        if (state[r] == RobotState.FAULTED) {
            reopenFaultCells(r);
        }
        releaseWork(r);
        robotAt[fleet.cell(r)] = -1;
        int last = robotIds.length - 1;
        if (r != last) {
            moveRobot(last, r);
        }
        robotIndex.remove(robotId);
        resizeRobots(last);
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
        Integer index = robotIndex.get(robotId);
        if (index == null) {
            return new FleetChange(robotId, FleetChange.Outcome.UNKNOWN_ROBOT, "unknown robot " + robotId);
        }
        int r = index;
        if (state[r] != RobotState.FAULTED) {
            return new FleetChange(robotId, FleetChange.Outcome.NOT_FAULTED, "robot " + robotId + " is " + state[r]
                    + ", not faulted");
        }
        reopenFaultCells(r);
        state[r] = RobotState.IDLE;
        awaitingSync[r] = true;
        lastHeardMillis[r] = clock.millis();
        LOG.log(System.Logger.Level.INFO, "robot {0} returned to service at {1}", robotId, map.describe(fleet.cell(r)));
        return new FleetChange(robotId, FleetChange.Outcome.DONE, "returned to service; waiting for its telemetry");
    }

    /** Opens the cells a faulted robot kept closed, except those another faulted robot or an operator keeps. */
    private void reopenFaultCells(int r) {
        int here = fleet.cell(r);
        int target = pending[r] != null && delivered[r] ? pending[r].targetCell() : GridMap.NONE;
        closedByFault.clear(here);
        if (target != GridMap.NONE) {
            closedByFault.clear(target);
        }
        for (int other = 0; other < robotIds.length; other++) {
            if (other != r && state[other] == RobotState.FAULTED) {
                closedByFault.set(fleet.cell(other));
                if (pending[other] != null && delivered[other]) {
                    closedByFault.set(pending[other].targetCell());
                }
            }
        }
        for (int cell : new int[] {here, target}) {
            if (cell != GridMap.NONE) {
                oracle.setBlocked(cell, closedByOperator.get(cell) || closedByFault.get(cell));
            }
        }
    }

    /**
     * Cancels an order: its queued tasks and those whose robot has not reached the pod are dropped (the robots are
     * free for other work), and a robot carrying one of its pods takes it back to storage unpicked. Refused, changing
     * nothing, for an unknown, completed or already cancelled order.
     */
    public synchronized CancelReceipt cancelOrder(String orderId) {
        Optional<OrderStatus> status = orders.find(orderId);
        if (status.isEmpty()) {
            return new CancelReceipt(orderId, CancelReceipt.Outcome.UNKNOWN_ORDER, List.of(), List.of(),
                    "no order " + orderId);
        }
        switch (status.get().state()) {
            case CANCELLED -> {
                return new CancelReceipt(orderId, CancelReceipt.Outcome.ALREADY_CANCELLED, List.of(), List.of(),
                        "order " + orderId + " is already cancelled");
            }
            case COMPLETED -> {
                return new CancelReceipt(orderId, CancelReceipt.Outcome.ALREADY_COMPLETED, List.of(), List.of(),
                        "order " + orderId + " is already completed");
            }
            default -> { }
        }
        List<Long> released = new ArrayList<>();
        List<Integer> returning = new ArrayList<>();
        for (Iterator<PickTask> it = queue.iterator(); it.hasNext(); ) {
            PickTask queued = it.next();
            if (queued.orderId().equals(orderId)) {
                it.remove();
                released.add(queued.taskId());
            }
        }
        for (int r = 0; r < robotIds.length; r++) {
            if (task[r] == null || !task[r].orderId().equals(orderId)) {
                continue;
            }
            switch (state[r]) {
                case TO_POD -> {
                    released.add(task[r].taskId());
                    podBusy[task[r].podId()] = false;
                    task[r] = null;
                    state[r] = RobotState.IDLE;
                    goal[r] = GridMap.NONE;
                }
                case CARRYING, AT_STATION -> {
                    returning.add(task[r].podId());
                    state[r] = RobotState.RETURNING;
                    goal[r] = freeStorageCell(layout.pods().get(task[r].podId()).homeCell(), fleet.cell(r));
                    returnTarget[goal[r]] = true;
                }
                default -> { }
            }
        }
        orders.cancel(orderId, clock.millis());
        LOG.log(System.Logger.Level.INFO, "order {0} cancelled: tasks {1} released, pods {2} return to storage",
                orderId, released, returning);
        return new CancelReceipt(orderId, CancelReceipt.Outcome.CANCELLED, released, returning, "");
    }

    /** Whether a robot with this id is in the warehouse now. */
    public synchronized boolean hasRobot(String robotId) {
        return robotIndex.containsKey(robotId);
    }

    /** Where a submitted order stands; empty for an unknown order id. */
    public synchronized Optional<OrderStatus> findOrder(String orderId) {
        return orders.find(orderId);
    }

    /** Moves every per-robot entry of robot {@code from} to index {@code to}, which must be free. */
    private void moveRobot(int from, int to) {
        robotIds[to] = robotIds[from];
        robotIndex.put(robotIds[to], to);
        state[to] = state[from];
        battery[to] = battery[from];
        batteryReported[to] = batteryReported[from];
        task[to] = task[from];
        goal[to] = goal[from];
        serviceLeft[to] = serviceLeft[from];
        lastHeardMillis[to] = lastHeardMillis[from];
        pending[to] = pending[from];
        delivered[to] = delivered[from];
        awaitingSync[to] = awaitingSync[from];
        stuckRobot[to] = stuckRobot[from];
        fleet.place(to, fleet.cell(from), fleet.heading(from));
        fleet.setGoal(to, fleet.goal(from));
        if (fleet.isHeld(from)) {
            fleet.hold(to, fleet.heldTarget(from));
        } else {
            fleet.release(to);
        }
        robotAt[fleet.cell(to)] = to;
    }

    /** Grows or shrinks every per-robot array to {@code n}, keeping the first entries; O(robots). */
    private void resizeRobots(int n) {
        robotIds = Arrays.copyOf(robotIds, n);
        state = Arrays.copyOf(state, n);
        battery = Arrays.copyOf(battery, n);
        batteryReported = Arrays.copyOf(batteryReported, n);
        task = Arrays.copyOf(task, n);
        goal = Arrays.copyOf(goal, n);
        serviceLeft = Arrays.copyOf(serviceLeft, n);
        lastHeardMillis = Arrays.copyOf(lastHeardMillis, n);
        pending = Arrays.copyOf(pending, n);
        delivered = Arrays.copyOf(delivered, n);
        awaitingSync = Arrays.copyOf(awaitingSync, n);
        stuckRobot = Arrays.copyOf(stuckRobot, n);
        Fleet resized = new Fleet(n);
        for (int r = 0; r < Math.min(n, fleet.size()); r++) {
            resized.place(r, fleet.cell(r), fleet.heading(r));
            resized.setGoal(r, fleet.goal(r));
            if (fleet.isHeld(r)) {
                resized.hold(r, fleet.heldTarget(r));
            }
        }
        fleet = resized;
        plan = new StepPlan(n);
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
        long now = clock.millis();
        int n = robotIds.length;
        for (int r = 0; r < n; r++) {
            if (state[r] != RobotState.FAULTED && now - lastHeardMillis[r] > settings.telemetryTimeoutMillis()) {
                fault(r, "silent for more than " + settings.telemetryTimeoutMillis() + " ms");
            }
            if (pending[r] != null && !delivered[r]) {
                pending[r] = null;
            }
        }
        stuck.clear();
        Arrays.fill(stuckRobot, false);
        for (int r = 0; r < n; r++) {
            if (state[r] != RobotState.FAULTED && pending[r] == null && !awaitingSync[r]) {
                advance(r);
                stuckRobot[r] = !reroute(r);
            }
        }
        assign();
        park();
        for (int r = 0; r < n; r++) {
            // Faulted robots, robots being picked from, charging robots and flat batteries stay where they are.
            boolean fixed = state[r] == RobotState.FAULTED || awaitingSync[r] || state[r] == RobotState.AT_STATION
                    || (state[r] == RobotState.CHARGING && fleet.cell(r) == goal[r]) || battery[r] <= 0;
            int plannedGoal = fixed || stuckRobot[r] ? GridMap.NONE : goal[r];
            if (plannedGoal == GridMap.NONE && !fixed && closedByOperator.get(fleet.cell(r))) {
                plannedGoal = nearestOpenCell(fleet.cell(r));
            }
            fleet.setGoal(r, plannedGoal);
            if (fixed && pending[r] == null) {
                fleet.hold(r, fleet.cell(r));
            } else if (pending[r] == null) {
                fleet.release(r);
            }
        }
        long start = System.nanoTime();
        planner.planStep(fleet, start + settings.planBudgetMillis() * 1_000_000, plan);
        lastPlanNanos = System.nanoTime() - start;
        List<RobotCommand> issued = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (!batteryReported[r]) {
                battery[r] = Math.max(0, battery[r] - settings.drainPerTick());
            }
            if (fleet.isHeld(r) || plan.action(r) == Action.WAIT) {
                continue;
            }
            pending[r] = new RobotCommand(robotIds[r], nextSequence++, plan.action(r), plan.nextCell(r),
                    plan.nextHeading(r), tick);
            delivered[r] = false;
            issued.add(pending[r]);
        }
        return issued;
    }

    /** Moves a robot's state machine on from its confirmed pose. */
    private void advance(int r) {
        int here = fleet.cell(r);
        switch (state[r]) {
            case TO_POD -> {
                int pod = task[r].podId();
                if (here == podCell[pod]) {
                    podAt[here] = -1;
                    podCell[pod] = -1;
                    state[r] = RobotState.CARRYING;
                    goal[r] = layout.stations().get(task[r].stationId()).cell();
                }
            }
            case CARRYING -> {
                Station station = layout.stations().get(task[r].stationId());
                if (here == station.cell()) {
                    state[r] = RobotState.AT_STATION;
                    serviceLeft[r] = station.serviceSteps();
                }
            }
            case AT_STATION -> {
                if (--serviceLeft[r] <= 0) {
                    linesPicked++;
                    if (orders.linePicked(task[r].orderId(), clock.millis())) {
                        ordersCompleted++;
                    }
                    state[r] = RobotState.RETURNING;
                    goal[r] = freeStorageCell(layout.pods().get(task[r].podId()).homeCell(), here);
                    returnTarget[goal[r]] = true;
                }
            }
            case RETURNING -> {
                if (here == goal[r]) {
                    returnTarget[here] = false;
                    int pod = task[r].podId();
                    podCell[pod] = here;
                    podAt[here] = pod;
                    podBusy[pod] = false;
                    task[r] = null;
                    state[r] = RobotState.IDLE;
                    goal[r] = GridMap.NONE;
                }
            }
            case CHARGING -> {
                if (here == goal[r]) {
                    if (!batteryReported[r]) {
                        battery[r] = Math.min(100, battery[r] + settings.chargePerTick());
                    }
                    if (battery[r] >= 100) {
                        chargerTaken[here] = false;
                        state[r] = RobotState.IDLE;
                        goal[r] = GridMap.NONE;
                    }
                }
            }
            case IDLE -> {
                if (battery[r] < settings.lowBatteryPercent()) {
                    int charger = freeCharger(here);
                    if (charger != GridMap.NONE) {
                        parking.release(robotIds[r]);
                        state[r] = RobotState.CHARGING;
                        goal[r] = charger;
                        chargerTaken[charger] = true;
                    }
                }
            }
            default -> { }
        }
    }

    /**
     * Keeps a robot's goal reachable after cells closed: a pod no route reaches goes back to the queue for another
     * robot or pod, a carried pod goes to another station, a returned pod to another storage cell, a charging
     * robot gives up its charger. Returns false, and lists the task as stuck, when nothing reachable is left.
     * Costs one array lookup per robot while its goal stays reachable (the planner caches the goal's table).
     */
    private boolean reroute(int r) {
        int here = fleet.cell(r);
        if (goal[r] == GridMap.NONE || state[r] == RobotState.AT_STATION || distanceTo(goal[r], here) != UNREACHABLE) {
            return true;
        }
        switch (state[r]) {
            case TO_POD -> {
                PickTask released = task[r];
                podBusy[released.podId()] = false;
                queue.addFirst(released.withPod(-1));
                task[r] = null;
                state[r] = RobotState.IDLE;
                goal[r] = GridMap.NONE;
                return true;
            }
            case CARRYING -> {
                for (Station station : layout.stations()) {
                    if (distanceTo(station.cell(), here) != UNREACHABLE) {
                        task[r] = task[r].withStation(station.id());
                        goal[r] = station.cell();
                        return true;
                    }
                }
                stuck.add(new StuckTask(task[r].taskId(), task[r].orderId(), robotIds[r],
                        StuckTask.Reason.STATION_UNREACHABLE));
                return false;
            }
            case RETURNING -> {
                int storage = reachableStorageCell(here);
                if (storage == GridMap.NONE) {
                    stuck.add(new StuckTask(task[r].taskId(), task[r].orderId(), robotIds[r],
                            StuckTask.Reason.STORAGE_UNREACHABLE));
                    // Keeps (and still reserves) the old target, so it goes there once a route opens.
                    return false;
                }
                returnTarget[goal[r]] = false;
                goal[r] = storage;
                returnTarget[storage] = true;
                return true;
            }
            case CHARGING -> {
                chargerTaken[goal[r]] = false;
                state[r] = RobotState.IDLE;
                goal[r] = GridMap.NONE;
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    /** Moves from {@code from} to an open goal cell, or UNREACHABLE; a robot on a closed cell may still leave it. */
    private int distanceTo(int goalCell, int from) {
        if (goalCell == from) {
            return 0;
        }
        if (oracle.isBlocked(goalCell)) {
            return UNREACHABLE;
        }
        int d = distanceTo(oracle.table(goalCell), from);
        // A stale table may still say unreachable after a cell opened: only a fresh one may turn a goal down.
        return d != UNREACHABLE ? d : distanceTo(oracle.freshTable(goalCell), from);
    }

    /** Reads a goal's distance table from a robot's cell, leaving through an open neighbour if the cell is closed. */
    private int distanceTo(char[] table, int from) {
        int d = oracle.lookup(table, from);
        if (d != UNREACHABLE || !oracle.isBlocked(from)) {
            return d;
        }
        int best = UNREACHABLE;
        for (int direction = 0; direction < GridMap.DIRECTIONS; direction++) {
            int next = map.neighbour(from, direction);
            if (next != GridMap.NONE && !oracle.isBlocked(next)) {
                int dn = oracle.lookup(table, next);
                if (dn != UNREACHABLE) {
                    best = Math.min(best, dn + 1);
                }
            }
        }
        return best;
    }

    /** The nearest open cell without a robot, for a robot standing on a closed one; NONE if there is none near. */
    private int nearestOpenCell(int from) {
        ArrayDeque<Integer> frontier = new ArrayDeque<>();
        BitSet seen = new BitSet();
        frontier.add(from);
        seen.set(from);
        while (!frontier.isEmpty() && seen.cardinality() < 4096) {
            int cell = frontier.poll();
            if (!oracle.isBlocked(cell) && robotAt[cell] < 0) {
                return cell;
            }
            for (int direction = 0; direction < GridMap.DIRECTIONS; direction++) {
                int next = map.neighbour(cell, direction);
                if (next != GridMap.NONE && !seen.get(next) && !oracle.isBlocked(next)) {
                    seen.set(next);
                    frontier.add(next);
                }
            }
        }
        return GridMap.NONE;
    }

    /** The pod's home if free (and not another robot's return target), else the nearest free storage cell. */
    private int freeStorageCell(int home, int from) {
        if (podAt[home] < 0 && !isReturnTarget(home) && !oracle.isBlocked(home)) {
            return home;
        }
        int best = GridMap.NONE;
        int bestDistance = Integer.MAX_VALUE;
        for (int cell : storageCells) {
            if (podAt[cell] < 0 && !isReturnTarget(cell) && !oracle.isBlocked(cell)) {
                int d = map.manhattan(cell, from);
                if (d < bestDistance) {
                    best = cell;
                    bestDistance = d;
                }
            }
        }
        return best == GridMap.NONE ? from : best;
    }

    /**
     * The free storage cell nearest by true distance that a route reaches from {@code from}, or NONE. One search
     * from {@code from} (distances are symmetric on the grid), so it is kept for the rare case of a cut-off target.
     */
    private int reachableStorageCell(int from) {
        char[] fromHere = oracle.freshTable(from);
        int best = GridMap.NONE;
        int bestDistance = UNREACHABLE;
        for (int cell : storageCells) {
            if (podAt[cell] < 0 && !isReturnTarget(cell) && !oracle.isBlocked(cell)) {
                int d = oracle.lookup(fromHere, cell);
                if (d < bestDistance) {
                    best = cell;
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    private boolean isReturnTarget(int cell) {
        return returnTarget[cell];
    }

    /** The nearest charger no other robot is bound for, or NONE. */
    private int freeCharger(int from) {
        int best = GridMap.NONE;
        int bestDistance = Integer.MAX_VALUE;
        for (int charger : layout.chargers()) {
            if (chargerTaken[charger] || oracle.isBlocked(charger)) {
                continue;
            }
            int d = distanceTo(charger, from);
            if (d < bestDistance) {
                best = charger;
                bestDistance = d;
            }
        }
        return best;
    }

    /**
     * Gives each queued task a pod (the available one holding the SKU nearest its station) and the idle robot
     * nearest that pod by true distance; then lets an idle robot take over a task whose robot has not reached
     * the pod yet when it is closer by a margin. Cost per tick: O(queued tasks * (pods + robots)) plus one
     * distance search per newly used pod cell; a task that closed cells cut off from its station tries every
     * station, O(stations * pods) more each tick until it is placed.
     */
    private void assign() {
        int idle = 0;
        for (int r = 0; r < robotIds.length; r++) {
            if (isAvailable(r)) {
                idle++;
            }
        }
        for (Iterator<PickTask> it = orders.servingOrder(queue).iterator(); it.hasNext() && idle > 0; ) {
            PickTask next = it.next();
            PickTask placed = placeOnPod(next);
            if (placed == null) {
                if (hasAvailablePod(next.sku())) {
                    stuck.add(new StuckTask(next.taskId(), next.orderId(), "", StuckTask.Reason.POD_UNREACHABLE));
                }
                continue;
            }
            int best = nearestAvailableRobot(oracle.table(podCell[placed.podId()]));
            if (best < 0) {
                best = nearestAvailableRobot(oracle.freshTable(podCell[placed.podId()]));
            }
            if (best < 0) {
                // Closed cells keep every idle robot from the pod. A busy robot that can reach it will take the
                // task when it is free; only when none can is the task stuck.
                if (!anyRobotReaches(oracle.freshTable(podCell[placed.podId()]))) {
                    stuck.add(new StuckTask(next.taskId(), next.orderId(), "", StuckTask.Reason.POD_UNREACHABLE));
                }
                continue;
            }
            queue.remove(next);
            start(best, placed);
            idle--;
        }
        if (idle == 0) {
            return;
        }
        for (int other = 0; other < robotIds.length; other++) {
            if (state[other] != RobotState.TO_POD || pending[other] != null && delivered[other]) {
                continue;
            }
            // The pod cell is this robot's goal, so its table is already cached.
            char[] table = oracle.table(podCell[task[other].podId()]);
            int theirs = distanceTo(table, fleet.cell(other));
            for (int r = 0; r < robotIds.length; r++) {
                if (isAvailable(r) && (long) distanceTo(table, fleet.cell(r)) + OUTBID_MARGIN < theirs) {
                    PickTask taken = task[other];
                    task[other] = null;
                    state[other] = RobotState.IDLE;
                    goal[other] = GridMap.NONE;
                    start(r, taken);
                    break;
                }
            }
        }
    }

    /** The available robot nearest by a goal's table, or -1 when none can reach the goal. */
    private int nearestAvailableRobot(char[] table) {
        int best = -1;
        int bestDistance = UNREACHABLE;
        for (int r = 0; r < robotIds.length; r++) {
            if (isAvailable(r)) {
                int d = distanceTo(table, fleet.cell(r));
                if (d < bestDistance) {
                    best = r;
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    private boolean anyRobotReaches(char[] table) {
        for (int r = 0; r < robotIds.length; r++) {
            if (state[r] != RobotState.FAULTED && distanceTo(table, fleet.cell(r)) != UNREACHABLE) {
                return true;
            }
        }
        return false;
    }

    private boolean isAvailable(int r) {
        return state[r] == RobotState.IDLE && battery[r] >= settings.lowBatteryPercent();
    }

    private void start(int r, PickTask pickTask) {
        parking.release(robotIds[r]);
        podBusy[pickTask.podId()] = true;
        task[r] = pickTask;
        state[r] = RobotState.TO_POD;
        goal[r] = podCell[pickTask.podId()];
    }

    /**
     * The task with a pod that can be brought to its station, or to another station when closed cells cut its own
     * off; null when there is none.
     */
    private PickTask placeOnPod(PickTask next) {
        int pod = findPod(next.sku(), layout.stations().get(next.stationId()).cell());
        if (pod >= 0) {
            return next.withPod(pod);
        }
        for (Station station : layout.stations()) {
            pod = station.id() == next.stationId() ? -1 : findPod(next.sku(), station.cell());
            if (pod >= 0) {
                return next.withPod(pod).withStation(station.id());
            }
        }
        return null;
    }

    /** The available pod holding a SKU nearest to a station, on an open cell a route links to it, or -1. */
    private int findPod(String sku, int stationCell) {
        if (oracle.isBlocked(stationCell)) {
            return -1;
        }
        // Fresh: a stale table would skip pods a reopened cell reconnected (stations are few, so this is cheap).
        char[] toStation = oracle.freshTable(stationCell);
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (Pod pod : layout.pods()) {
            int id = pod.id();
            if (podBusy[id] || podLost[id] || podCell[id] < 0 || !pod.skus().contains(sku)
                    || oracle.isBlocked(podCell[id]) || oracle.lookup(toStation, podCell[id]) == UNREACHABLE) {
                continue;
            }
            int d = map.manhattan(podCell[id], stationCell);
            if (d < bestDistance) {
                best = id;
                bestDistance = d;
            }
        }
        return best;
    }

    private boolean hasAvailablePod(String sku) {
        for (Pod pod : layout.pods()) {
            int id = pod.id();
            if (!podBusy[id] && !podLost[id] && podCell[id] >= 0 && pod.skus().contains(sku)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends every idle robot that has no parking cell yet, or stands elsewhere, to the nearest free parking cell;
     * without parking cells idle robots stay where they are. One distance lookup per robot and parking cell.
     */
    private void park() {
        for (int r = 0; r < robotIds.length; r++) {
            if (state[r] != RobotState.IDLE || awaitingSync[r] || !isAvailable(r)) {
                continue;
            }
            int here = fleet.cell(r);
            int self = r;
            int cell = parking.claim(robotIds[r], to -> distanceTo(to, here),
                    to -> !oracle.isBlocked(to) && (robotAt[to] < 0 || robotAt[to] == self) && !heldByOther(to, self));
            goal[r] = cell < 0 ? GridMap.NONE : cell;
        }
    }

    private boolean heldByOther(int cell, int r) {
        for (int other = 0; other < robotIds.length; other++) {
            if (other != r && fleet.heldTarget(other) == cell) {
                return true;
            }
        }
        return false;
    }

    /** A lost robot: its cell becomes an obstacle, its task is re-dispatched, a carried pod needs recovery. */
    private void fault(int r, String why) {
        LOG.log(System.Logger.Level.WARNING, "robot {0} {1}: faulted at {2}", robotIds[r], why,
                map.describe(fleet.cell(r)));
        releaseWork(r);
        state[r] = RobotState.FAULTED;
        if (pending[r] != null && delivered[r]) {
            // It may be in either cell: keep both closed.
            closeForFault(pending[r].targetCell());
        }
        closeForFault(fleet.cell(r));
    }

    /**
     * Takes a robot off its work, as when it faults or leaves the fleet: its task goes back to the queue, a pod it
     * carried is listed for recovery, its charger, return target and parking cell are freed. It ends idle.
     */
    private void releaseWork(int r) {
        awaitingSync[r] = false;
        parking.release(robotIds[r]);
        PickTask lost = task[r];
        if (lost != null) {
            boolean carrying = state[r] == RobotState.CARRYING || state[r] == RobotState.AT_STATION
                    || state[r] == RobotState.RETURNING;
            if (carrying) {
                podLost[lost.podId()] = true;
                recoveries.add(new PodRecovery(lost.podId(), fleet.cell(r), robotIds[r]));
            } else {
                podBusy[lost.podId()] = false;
            }
            if (state[r] == RobotState.RETURNING) {
                // The line was already picked; only the pod is left to recover.
                lost = null;
            }
        }
        if (lost != null) {
            queue.addFirst(lost.withPod(-1));
        }
        if (state[r] == RobotState.RETURNING) {
            returnTarget[goal[r]] = false;
        } else if (state[r] == RobotState.CHARGING) {
            chargerTaken[goal[r]] = false;
        }
        task[r] = null;
        state[r] = RobotState.IDLE;
        goal[r] = GridMap.NONE;
    }

    private void closeForFault(int cell) {
        closedByFault.set(cell);
        oracle.setBlocked(cell, true);
    }

    /** What is needed to resume after a restart, copied under the lock: O(robots + pods + queue + orders). */
    public synchronized DispatcherCheckpoint checkpoint() {
        List<DispatcherCheckpoint.RobotCheckpoint> robots = new ArrayList<>(robotIds.length);
        for (int r = 0; r < robotIds.length; r++) {
            robots.add(new DispatcherCheckpoint.RobotCheckpoint(robotIds[r], fleet.cell(r), fleet.heading(r), state[r],
                    battery[r], task[r], goal[r], serviceLeft[r], pending[r] != null && delivered[r] ? pending[r] : null,
                    batteryReported[r]));
        }
        List<DispatcherCheckpoint.PodCheckpoint> pods = new ArrayList<>(podCell.length);
        for (int pod = 0; pod < podCell.length; pod++) {
            pods.add(new DispatcherCheckpoint.PodCheckpoint(pod, podCell[pod], podBusy[pod], podLost[pod]));
        }
        return new DispatcherCheckpoint(tick, nextTaskId, nextSequence, linesPicked, ordersCompleted, robots, pods,
                List.copyOf(queue), orders.linesLeft(), recoveries, closedCells(), orders.all(), parking.cells(),
                fleetRevision);
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
        if (checkpoint.fleetRevision() > 0) {
            adoptRobots(checkpoint.robots());
        }
        if (checkpoint.robots().size() != robotIds.length || checkpoint.pods().size() != podCell.length) {
            throw new IllegalArgumentException("checkpoint has " + checkpoint.robots().size() + " robots and "
                    + checkpoint.pods().size() + " pods but the warehouse has " + robotIds.length + " and "
                    + podCell.length);
        }
        Arrays.fill(podAt, -1);
        for (DispatcherCheckpoint.PodCheckpoint pod : checkpoint.pods()) {
            int id = pod.podId();
            if (id < 0 || id >= podCell.length || (pod.cell() != -1 && !map.isPassable(pod.cell()))) {
                throw new IllegalArgumentException("checkpoint pod " + id + " at " + pod.cell() + " does not fit the map");
            }
            podCell[id] = pod.cell();
            podBusy[id] = pod.busy();
            podLost[id] = pod.lost();
            if (pod.cell() >= 0) {
                podAt[pod.cell()] = id;
            }
        }
        for (int cell : checkpoint.closedCells()) {
            setCellBlocked(cell, true);
        }
        Arrays.fill(robotAt, -1);
        long now = clock.millis();
        for (int r = 0; r < robotIds.length; r++) {
            restoreRobot(r, checkpoint.robots().get(r), now);
        }
        for (PickTask queued : checkpoint.queue()) {
            requireTask(queued, "queued task");
            queue.add(queued);
        }
        orders.restore(checkpoint.orders(), checkpoint.linesLeft());
        for (int cell : checkpoint.parkingCells()) {
            setParkingCell(cell, true);
        }
        fleetRevision = checkpoint.fleetRevision();
        recoveries.addAll(checkpoint.podRecoveries());
        tick = checkpoint.tick();
        nextTaskId = checkpoint.nextTaskId();
        nextSequence = checkpoint.nextSequence();
        linesPicked = checkpoint.linesPicked();
        ordersCompleted = checkpoint.ordersCompleted();
    }

    /**
     * Robots were added or removed while the checkpointed dispatcher ran: the checkpoint's robots replace the ones
     * this dispatcher was built with (its registration's).
     */
    private void adoptRobots(List<DispatcherCheckpoint.RobotCheckpoint> saved) {
        robotIndex.clear();
        resizeRobots(saved.size());
        for (int r = 0; r < saved.size(); r++) {
            robotIds[r] = saved.get(r).robotId();
            if (robotIndex.put(robotIds[r], r) != null) {
                throw new IllegalArgumentException("checkpoint has robot " + robotIds[r] + " twice");
            }
        }
    }

    private void restoreRobot(int r, DispatcherCheckpoint.RobotCheckpoint saved, long now) {
        if (!saved.robotId().equals(robotIds[r])) {
            throw new IllegalArgumentException("checkpoint robot " + r + " is " + saved.robotId() + " but the warehouse's is "
                    + robotIds[r]);
        }
        if (!map.isPassable(saved.cell()) || robotAt[saved.cell()] >= 0 || saved.state() == null
                || saved.heading() < 0 || saved.heading() >= GridMap.DIRECTIONS) {
            throw new IllegalArgumentException("checkpoint robot " + saved.robotId() + " at " + map.describe(saved.cell())
                    + " heading " + saved.heading() + " is off the map, on another robot or without a state");
        }
        if (saved.task() != null) {
            requireTask(saved.task(), "task of robot " + saved.robotId());
        }
        boolean needsGoal = saved.state() != RobotState.IDLE && saved.state() != RobotState.FAULTED;
        if ((saved.task() == null) != (saved.state() == RobotState.IDLE || saved.state() == RobotState.CHARGING
                || saved.state() == RobotState.FAULTED) || (needsGoal && !map.isPassable(saved.goal()))) {
            throw new IllegalArgumentException("checkpoint robot " + saved.robotId() + " in state " + saved.state()
                    + " has task " + saved.task() + " and goal " + saved.goal());
        }
        fleet.place(r, saved.cell(), saved.heading());
        robotAt[saved.cell()] = r;
        state[r] = saved.state();
        battery[r] = saved.batteryPercent();
        batteryReported[r] = saved.batteryFromTelemetry();
        task[r] = saved.task();
        goal[r] = needsGoal ? saved.goal() : GridMap.NONE;
        serviceLeft[r] = saved.serviceLeft();
        lastHeardMillis[r] = now;
        RobotCommand command = saved.deliveredCommand();
        if (command != null) {
            if (!map.isPassable(command.targetCell()) || !command.robotId().equals(robotIds[r])) {
                throw new IllegalArgumentException("checkpoint command of robot " + saved.robotId() + " does not fit: "
                        + command);
            }
            pending[r] = command;
            delivered[r] = true;
            fleet.hold(r, command.targetCell());
        }
        if (state[r] == RobotState.RETURNING) {
            returnTarget[goal[r]] = true;
        } else if (state[r] == RobotState.CHARGING) {
            chargerTaken[goal[r]] = true;
        }
        if (state[r] == RobotState.FAULTED) {
            closeForFault(saved.cell());
            if (command != null) {
                closeForFault(command.targetCell());
            }
        } else {
            awaitingSync[r] = true;
        }
    }

    private void requireTask(PickTask saved, String what) {
        boolean podOk = saved.podId() == -1 || (saved.podId() >= 0 && saved.podId() < podCell.length);
        if (!podOk || saved.stationId() < 0 || saved.stationId() >= layout.stations().size()) {
            throw new IllegalArgumentException("checkpoint " + what + " " + saved + " names a pod or station the warehouse"
                    + " does not have");
        }
    }

    /** A consistent copy of the state. */
    public synchronized WarehouseSnapshot snapshot() {
        List<RobotView> robots = new ArrayList<>(robotIds.length);
        for (int r = 0; r < robotIds.length; r++) {
            robots.add(new RobotView(robotIds[r], fleet.cell(r), fleet.heading(r), state[r], battery[r],
                    task[r] == null ? -1 : task[r].taskId(),
                    pending[r] != null && delivered[r] ? pending[r].targetCell() : -1));
        }
        BitSet closed = (BitSet) closedByOperator.clone();
        closed.or(closedByFault);
        return new WarehouseSnapshot(tick, robots, queue.size(), linesPicked, ordersCompleted,
                closed.stream().boxed().toList(), closedCells(), recoveries, stuck, lastPlanNanos / 1_000,
                parking.cells(), orders.cancelledCount(), orders.missedDeadlines(clock.millis()));
    }
}
