package io.aisle.robotics.dispatch;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.planning.Fleet;
import io.aisle.robotics.planning.StepPlan;
import io.aisle.robotics.task.PickTask;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dispatcher knows of each robot: id, confirmed pose and held command ({@link Fleet}), state, battery,
 * task, goal, and the command handshake. Per-robot entries are arrays indexed by the robot's position, read and
 * written by every phase; the roster owns their layout: the index by id, growth, and moving a robot to another
 * position when one leaves. {@code robotAt} maps a cell to the robot confirmed there, -1 for none.
 *
 * <p>Not thread-safe: owned by the {@link Dispatcher}, under its lock.
 */
final class RobotRoster {

    private final GridMap map;
    private final Map<String, Integer> index = new HashMap<>();
    final int[] robotAt;
    Fleet fleet;
    StepPlan plan;
    String[] ids;
    RobotState[] state;
    double[] battery;
    /** Whether the charge is the robot's own reading (believed from then on) rather than modelled. */
    boolean[] batteryReported;
    PickTask[] task;
    int[] goal;
    int[] serviceLeft;
    long[] lastHeardMillis;
    RobotCommand[] pending;
    /** Whether the pending command was handed to the robot, which makes it binding until confirmed. */
    boolean[] delivered;
    /** Waiting, after a restart or a repair, for the first telemetry to say where the robot is. */
    boolean[] awaitingSync;
    /** Its goal is cut off this tick: it keeps still rather than chase an unreachable cell. */
    boolean[] stuck;
    /**
     * Set by a restore until every robot in service has reported: meanwhile the cells of the robots still awaiting
     * their first telemetry are only where the checkpoint last saw them, places held for them and nothing more.
     */
    boolean resynchronizing;

    RobotRoster(GridMap map) {
        this.map = map;
        this.robotAt = new int[map.cellCount()];
        Arrays.fill(robotAt, -1);
        resize(0);
    }

    int size() {
        return ids.length;
    }

    /** The robot's position, or -1 for an unknown id. */
    int find(String robotId) {
        Integer r = index.get(robotId);
        return r == null ? -1 : r;
    }

    boolean contains(String robotId) {
        return index.containsKey(robotId);
    }

    /**
     * Puts a new robot, idle and full, at position {@code r} (already sized) on {@code cell} heading east.
     *
     * @throws IllegalArgumentException for an id already registered, or a cell that is an obstacle or taken
     */
    void register(int r, String robotId, int cell, long nowMillis) {
        if (index.putIfAbsent(robotId, r) != null) {
            throw new IllegalArgumentException("duplicate robot id " + robotId);
        }
        ids[r] = robotId;
        if (!map.isPassable(cell) || robotAt[cell] >= 0) {
            throw new IllegalArgumentException("start of robot " + robotId + " " + map.describe(cell)
                    + " is an obstacle or taken");
        }
        fleet.place(r, cell, 0);
        robotAt[cell] = r;
        state[r] = RobotState.IDLE;
        battery[r] = 100;
        goal[r] = GridMap.NONE;
        lastHeardMillis[r] = nowMillis;
    }

    /** Adds a robot at the end, as {@link #register} does; returns its position. O(robots). */
    int add(String robotId, int cell, long nowMillis) {
        int r = ids.length;
        resize(r + 1);
        register(r, robotId, cell, nowMillis);
        return r;
    }

    /** Takes robot {@code r} out; the last robot moves into its position. O(robots). */
    void remove(int r) {
        String removed = ids[r];
        robotAt[fleet.cell(r)] = -1;
        int last = ids.length - 1;
        if (r != last) {
            move(last, r);
        }
        index.remove(removed);
        resize(last);
    }

    /** Replaces every robot by {@code robotIds}, with empty entries (a checkpoint fills them). */
    void replaceIds(List<String> robotIds) {
        index.clear();
        resize(robotIds.size());
        for (int r = 0; r < robotIds.size(); r++) {
            ids[r] = robotIds.get(r);
            if (index.put(ids[r], r) != null) {
                throw new IllegalArgumentException("checkpoint has robot " + ids[r] + " twice");
            }
        }
    }

    /** The robot is confirmed at a pose; its command, if any, is done. */
    void confirmPose(int r, int cell, int heading) {
        robotAt[fleet.cell(r)] = -1;
        fleet.place(r, cell, heading);
        robotAt[cell] = r;
        pending[r] = null;
        delivered[r] = false;
        fleet.release(r);
    }

    /**
     * Gives the place that robot {@code awaiting} held, which another robot reports it stands on, to that robot
     * {@code reporter}, and the reporter's old place to {@code awaiting}: both places are only held, so which one
     * waits for which robot does not matter until the awaiting robot reports its real cell.
     */
    void swapPlaces(int reporter, int awaiting) {
        int reporterCell = fleet.cell(reporter);
        int awaitingCell = fleet.cell(awaiting);
        fleet.place(awaiting, reporterCell, fleet.heading(awaiting));
        fleet.place(reporter, awaitingCell, fleet.heading(reporter));
        robotAt[reporterCell] = awaiting;
        robotAt[awaitingCell] = reporter;
    }

    /** Forgets a delivered command the robot has not confirmed: its report will say where it is. */
    void forgetCommand(int r) {
        pending[r] = null;
        delivered[r] = false;
        fleet.release(r);
    }

    /** Whether a robot in service still awaits its first telemetry. */
    boolean anyAwaitingSync() {
        for (int r = 0; r < ids.length; r++) {
            if (awaitingSync[r] && state[r] != RobotState.FAULTED) {
                return true;
            }
        }
        return false;
    }

    /** The command the robot received and has not confirmed (it may be in either cell), or null. */
    RobotCommand deliveredCommand(int r) {
        return pending[r] != null && delivered[r] ? pending[r] : null;
    }

    /** Whether a robot other than {@code r} (-1: any) holds {@code cell} as its command's target. */
    boolean heldByOther(int cell, int r) {
        for (int other = 0; other < ids.length; other++) {
            if (other != r && fleet.heldTarget(other) == cell) {
                return true;
            }
        }
        return false;
    }

    /** Grows or shrinks every per-robot array to {@code n}, keeping the first entries; O(robots). */
    void resize(int n) {
        ids = ids == null ? new String[n] : Arrays.copyOf(ids, n);
        state = state == null ? new RobotState[n] : Arrays.copyOf(state, n);
        battery = battery == null ? new double[n] : Arrays.copyOf(battery, n);
        batteryReported = batteryReported == null ? new boolean[n] : Arrays.copyOf(batteryReported, n);
        task = task == null ? new PickTask[n] : Arrays.copyOf(task, n);
        goal = goal == null ? new int[n] : Arrays.copyOf(goal, n);
        serviceLeft = serviceLeft == null ? new int[n] : Arrays.copyOf(serviceLeft, n);
        lastHeardMillis = lastHeardMillis == null ? new long[n] : Arrays.copyOf(lastHeardMillis, n);
        pending = pending == null ? new RobotCommand[n] : Arrays.copyOf(pending, n);
        delivered = delivered == null ? new boolean[n] : Arrays.copyOf(delivered, n);
        awaitingSync = awaitingSync == null ? new boolean[n] : Arrays.copyOf(awaitingSync, n);
        stuck = stuck == null ? new boolean[n] : Arrays.copyOf(stuck, n);
        Fleet resized = new Fleet(n);
        for (int r = 0; fleet != null && r < Math.min(n, fleet.size()); r++) {
            resized.place(r, fleet.cell(r), fleet.heading(r));
            resized.setGoal(r, fleet.goal(r));
            if (fleet.isHeld(r)) {
                resized.hold(r, fleet.heldTarget(r));
            }
        }
        fleet = resized;
        plan = new StepPlan(n);
    }

    /** Moves every per-robot entry of robot {@code from} to index {@code to}, which must be free. */
    private void move(int from, int to) {
        ids[to] = ids[from];
        index.put(ids[to], to);
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
        stuck[to] = stuck[from];
        fleet.place(to, fleet.cell(from), fleet.heading(from));
        fleet.setGoal(to, fleet.goal(from));
        if (fleet.isHeld(from)) {
            fleet.hold(to, fleet.heldTarget(from));
        } else {
            fleet.release(to);
        }
        robotAt[fleet.cell(to)] = to;
    }
}
