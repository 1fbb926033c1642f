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
 * cell becomes an obstacle, its task returns to the queue, and a pod it carried is listed for recovery.
 *
 * <p><b>Battery.</b> Modelled here: each confirmed move or turn and each tick drain it; an idle robot below the
 * threshold is sent to the nearest free charger and charges there until full.
 *
 * <p><b>Threads.</b> Every public method may be called from any thread; they serialize on this object's lock.
 * Only {@link #tick} changes plans, tasks and states; the others confirm telemetry, enqueue orders or read.
 * Command listeners run on the ticking thread after the lock is released. A tick is O(robots) plus planning.
 */
public final class Dispatcher {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    private static final int OUTBID_MARGIN = 4;

    private final WarehouseLayout layout;
    private final GridMap map;
    private final DispatcherSettings settings;
    private final Clock clock;
    private final DistanceOracle oracle;
    private final PathPlanner planner;
    private final Fleet fleet;
    private final StepPlan plan;
    private final Map<String, Integer> robotIndex = new HashMap<>();
    private final String[] robotIds;
    private final RobotState[] state;
    private final double[] battery;
    private final PickTask[] task;
    private final int[] goal;
    private final int[] serviceLeft;
    private final long[] lastHeardMillis;
    private final RobotCommand[] pending;
    private final boolean[] delivered;
    private final int[] robotAt;
    private final int[] podCell;
    private final boolean[] podBusy;
    private final boolean[] podLost;
    private final int[] podAt;
    private final boolean[] returnTarget;
    private final int[] storageCells;
    private final boolean[] chargerTaken;
    private final ArrayDeque<PickTask> queue = new ArrayDeque<>();
    private final Map<String, Integer> linesLeft = new HashMap<>();
    private final List<PodRecovery> recoveries = new ArrayList<>();
    private final List<Integer> operatorBlocked = new ArrayList<>();
    private final List<Consumer<RobotCommand>> listeners = new CopyOnWriteArrayList<>();
    private long tick;
    private long nextTaskId = 1;
    private long nextSequence = 1;
    private long linesPicked;
    private long ordersCompleted;

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
        this.task = new PickTask[n];
        this.goal = new int[n];
        this.serviceLeft = new int[n];
        this.lastHeardMillis = new long[n];
        this.pending = new RobotCommand[n];
        this.delivered = new boolean[n];
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
        if (linesLeft.containsKey(order.orderId())) {
            return new OrderReceipt(order.orderId(), false, List.of(), "order " + order.orderId() + " already submitted");
        }
        for (OrderLine line : order.lines()) {
            if (!stockedAnywhere(line.sku())) {
                return new OrderReceipt(order.orderId(), false, List.of(), "sku " + line.sku() + " is on no pod");
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
        linesLeft.put(order.orderId(), order.lines().size());
        return new OrderReceipt(order.orderId(), true, ids, "");
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
        if (state[r] == RobotState.FAULTED) {
            return refuse(TelemetryResult.Outcome.ROBOT_FAULTED, "robot " + report.robotId() + " is faulted");
        }
        boolean unchanged = report.cell() == fleet.cell(r) && report.heading() == fleet.heading(r);
        RobotCommand command = pending[r];
        boolean arrived = command != null && delivered[r] && report.cell() == command.targetCell()
                && report.heading() == command.targetHeading();
        if (!unchanged && !arrived) {
            return refuse(TelemetryResult.Outcome.UNEXPECTED_POSE, "robot " + report.robotId() + " reported "
                    + map.describe(report.cell()) + " but is at " + map.describe(fleet.cell(r))
                    + (command != null && delivered[r] ? " commanded to " + map.describe(command.targetCell()) : ""));
        }
        lastHeardMillis[r] = clock.millis();
        if (arrived) {
            robotAt[fleet.cell(r)] = -1;
            fleet.place(r, command.targetCell(), command.targetHeading());
            robotAt[command.targetCell()] = r;
            pending[r] = null;
            delivered[r] = false;
            fleet.release(r);
            battery[r] = Math.max(0, battery[r] - settings.drainPerMove());
        }
        return new TelemetryResult(TelemetryResult.Outcome.ACCEPTED, "ok");
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

    /** Closes a cell (an operator is working there) or opens it again; robots are routed around it. */
    public synchronized void setCellBlocked(int cell, boolean blocked) {
        if (!map.isPassable(cell)) {
            throw new IllegalArgumentException("cell " + map.describe(cell) + " is not a passable cell");
        }
        oracle.setBlocked(cell, blocked);
        if (blocked && !operatorBlocked.contains(cell)) {
            operatorBlocked.add(cell);
        } else if (!blocked) {
            operatorBlocked.remove(Integer.valueOf(cell));
        }
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
        long now = clock.millis();
        int n = robotIds.length;
        for (int r = 0; r < n; r++) {
            if (state[r] != RobotState.FAULTED && now - lastHeardMillis[r] > settings.telemetryTimeoutMillis()) {
                fault(r);
            }
            if (pending[r] != null && !delivered[r]) {
                pending[r] = null;
            }
        }
        for (int r = 0; r < n; r++) {
            if (state[r] != RobotState.FAULTED && pending[r] == null) {
                advance(r);
            }
        }
        assign();
        for (int r = 0; r < n; r++) {
            // Faulted robots, robots being picked from, charging robots and flat batteries stay where they are.
            boolean fixed = state[r] == RobotState.FAULTED || state[r] == RobotState.AT_STATION
                    || (state[r] == RobotState.CHARGING && fleet.cell(r) == goal[r]) || battery[r] <= 0;
            fleet.setGoal(r, fixed ? GridMap.NONE : goal[r]);
            if (fixed && pending[r] == null) {
                fleet.hold(r, fleet.cell(r));
            } else if (pending[r] == null) {
                fleet.release(r);
            }
        }
        long start = System.nanoTime();
        planner.planStep(fleet, start + settings.planBudgetMillis() * 1_000_000, plan);
        List<RobotCommand> issued = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            battery[r] = Math.max(0, battery[r] - settings.drainPerTick());
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
                    if (linesLeft.merge(task[r].orderId(), -1, Integer::sum) == 0) {
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
                    battery[r] = Math.min(100, battery[r] + settings.chargePerTick());
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
                        state[r] = RobotState.CHARGING;
                        goal[r] = charger;
                        chargerTaken[charger] = true;
                    }
                }
            }
            default -> { }
        }
    }

    /** The pod's home if free (and not another robot's return target), else the nearest free storage cell. */
    private int freeStorageCell(int home, int from) {
        if (podAt[home] < 0 && !isReturnTarget(home)) {
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

    private boolean isReturnTarget(int cell) {
        return returnTarget[cell];
    }

    /** The nearest charger no other robot is bound for, or NONE. */
    private int freeCharger(int from) {
        int best = GridMap.NONE;
        int bestDistance = Integer.MAX_VALUE;
        for (int charger : layout.chargers()) {
            int d = map.manhattan(charger, from);
            if (!chargerTaken[charger] && !oracle.isBlocked(charger) && d < bestDistance) {
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
     * distance search per newly used pod cell.
     */
    private void assign() {
        int idle = 0;
        for (int r = 0; r < robotIds.length; r++) {
            if (isAvailable(r)) {
                idle++;
            }
        }
        for (Iterator<PickTask> it = queue.iterator(); it.hasNext() && idle > 0; ) {
            PickTask next = it.next();
            int stationCell = layout.stations().get(next.stationId()).cell();
            int pod = findPod(next.sku(), stationCell);
            if (pod < 0) {
                continue;
            }
            char[] table = oracle.table(podCell[pod]);
            int best = -1;
            int bestDistance = Integer.MAX_VALUE;
            for (int r = 0; r < robotIds.length; r++) {
                if (isAvailable(r)) {
                    int d = oracle.lookup(table, fleet.cell(r));
                    if (d < bestDistance) {
                        best = r;
                        bestDistance = d;
                    }
                }
            }
            if (best < 0) {
                break;
            }
            it.remove();
            start(best, next.withPod(pod));
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
            int theirs = oracle.lookup(table, fleet.cell(other));
            for (int r = 0; r < robotIds.length; r++) {
                if (isAvailable(r) && oracle.lookup(table, fleet.cell(r)) + OUTBID_MARGIN < theirs) {
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

    private boolean isAvailable(int r) {
        return state[r] == RobotState.IDLE && battery[r] >= settings.lowBatteryPercent();
    }

    private void start(int r, PickTask pickTask) {
        podBusy[pickTask.podId()] = true;
        task[r] = pickTask;
        state[r] = RobotState.TO_POD;
        goal[r] = podCell[pickTask.podId()];
    }

    /** The available pod holding a SKU nearest to a cell (any when {@code from} is NONE), or -1. */
    private int findPod(String sku, int from) {
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (Pod pod : layout.pods()) {
            int id = pod.id();
            if (podBusy[id] || podLost[id] || podCell[id] < 0 || !pod.skus().contains(sku)) {
                continue;
            }
            int d = from == GridMap.NONE ? 0 : map.manhattan(podCell[id], from);
            if (d < bestDistance) {
                best = id;
                bestDistance = d;
            }
        }
        return best;
    }

    /** A silent robot: its cell becomes an obstacle, its task is re-dispatched, a carried pod needs recovery. */
    private void fault(int r) {
        LOG.log(System.Logger.Level.WARNING, "robot {0} silent for more than {1} ms: faulted at {2}",
                robotIds[r], settings.telemetryTimeoutMillis(), map.describe(fleet.cell(r)));
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
        state[r] = RobotState.FAULTED;
        goal[r] = GridMap.NONE;
        if (pending[r] != null && delivered[r]) {
            // It may be in either cell: keep both closed.
            oracle.setBlocked(pending[r].targetCell(), true);
        }
        oracle.setBlocked(fleet.cell(r), true);
    }

    /** A consistent copy of the state. */
    public synchronized WarehouseSnapshot snapshot() {
        List<RobotView> robots = new ArrayList<>(robotIds.length);
        for (int r = 0; r < robotIds.length; r++) {
            robots.add(new RobotView(robotIds[r], fleet.cell(r), fleet.heading(r), state[r], battery[r],
                    task[r] == null ? -1 : task[r].taskId(),
                    pending[r] != null && delivered[r] ? pending[r].targetCell() : -1));
        }
        List<Integer> blocked = new ArrayList<>(operatorBlocked);
        for (int r = 0; r < robotIds.length; r++) {
            if (state[r] == RobotState.FAULTED) {
                blocked.add(fleet.cell(r));
            }
        }
        return new WarehouseSnapshot(tick, robots, queue.size(), linesPicked, ordersCompleted, blocked, recoveries);
    }
}
