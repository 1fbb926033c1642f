package io.aisle.simulations.warehouse;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.problem.DelayConfig;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The physical side of a warehouse: where every robot really is, and how it executes the commands it is sent.
 *
 * <p>Execution: a robot keeps its last command pending until it executes it. It does not execute while delayed
 * (LoRR 2026 delay model: each step a robot starts a delay with a fixed probability, lasting a uniform number of
 * steps in [min, max]) or broken (breakdowns are permanent). A move is executed only into a cell that is free
 * after this step's other moves, as a robot that waits for the robot ahead to leave (moves around a cycle of
 * robots all go together). So a late robot holds up the ones queued behind it instead of being hit.
 *
 * <p>Not thread-safe; the benchmark loop owns it.
 */
public final class WarehouseSimulator {

    private static final byte NO_COMMAND = -1;
    private static final byte UNDECIDED = 0;
    private static final byte STAYS = 1;
    private static final byte MOVES = 2;
    private static final byte VISITING = 3;

    private final GridMap map;
    private final ActionModel model;
    private final int[] cell;
    private final int[] heading;
    private final byte[] pending;
    private final int[] pendingCell;
    private final int[] delayLeft;
    private final boolean[] broken;
    private final int[] brokenAtStep;
    private final DelayConfig delays;
    private final SplittableRandom delayRandom;
    private final int[] occupant;
    private final byte[] state;
    private final int[] chain;
    private long step;
    private long delayEvents;

    /**
     * @param starts          one start cell per robot, distinct and passable; robots face east
     * @param delays          the delay model, or null for none
     * @param breakdownShare  fraction of the fleet that breaks down, each at a uniform random step before
     *                        {@code horizon}
     */
    public WarehouseSimulator(GridMap map, ActionModel model, int[] starts, DelayConfig delays,
                              double breakdownShare, int horizon, long seed) {
        if (!(breakdownShare >= 0 && breakdownShare <= 1)) {
            throw new IllegalArgumentException("breakdownShare must be in [0, 1] but was " + breakdownShare);
        }
        this.map = map;
        this.model = model;
        int n = starts.length;
        this.cell = starts.clone();
        this.heading = new int[n];
        this.pending = new byte[n];
        Arrays.fill(pending, NO_COMMAND);
        this.pendingCell = new int[n];
        this.delayLeft = new int[n];
        this.broken = new boolean[n];
        this.brokenAtStep = new int[n];
        Arrays.fill(brokenAtStep, -1);
        this.delays = delays;
        this.delayRandom = new SplittableRandom(delays == null ? seed : delays.seed() ^ seed);
        this.occupant = new int[map.cellCount()];
        Arrays.fill(occupant, -1);
        for (int robot = 0; robot < n; robot++) {
            if (occupant[starts[robot]] != -1 || !map.isPassable(starts[robot])) {
                throw new IllegalArgumentException("start of robot " + robot + " is taken or blocked: "
                        + map.describe(starts[robot]));
            }
            occupant[starts[robot]] = robot;
        }
        this.state = new byte[n];
        this.chain = new int[n];
        SplittableRandom breakdowns = new SplittableRandom(seed * 31 + 7);
        int failing = (int) Math.round(breakdownShare * n);
        for (int k = 0; k < failing; k++) {
            int robot;
            do {
                robot = breakdowns.nextInt(n);
            } while (brokenAtStep[robot] >= 0);
            brokenAtStep[robot] = breakdowns.nextInt(Math.max(1, horizon));
        }
    }

    public int size() {
        return cell.length;
    }

    public int cell(int robot) {
        return cell[robot];
    }

    public int heading(int robot) {
        return heading[robot];
    }

    /** True when the robot has a command it has not executed yet. */
    public boolean hasPending(int robot) {
        return pending[robot] != NO_COMMAND;
    }

    /** Cell the pending command leads to; only meaningful when {@link #hasPending}. */
    public int pendingCell(int robot) {
        return pendingCell[robot];
    }

    public boolean isBroken(int robot) {
        return broken[robot];
    }

    public long delayEvents() {
        return delayEvents;
    }

    /**
     * Sends a command. A robot with a pending command ignores new ones, as a real robot finishes the command it
     * has accepted.
     *
     * @return false when the command was ignored or is invalid for this robot's pose
     */
    public boolean issue(int robot, Action action) {
        if (pending[robot] != NO_COMMAND) {
            return false;
        }
        int target = model.nextCell(map, cell[robot], heading[robot], action);
        if (target == GridMap.NONE) {
            return false;
        }
        pending[robot] = (byte) action.ordinal();
        pendingCell[robot] = target;
        return true;
    }

    /**
     * Advances one step: starts delays and breakdowns, then executes every pending command that can be.
     * Writes the executed action of every robot (WAIT when nothing ran) into {@code executed}.
     */
    public void step(Action[] executed) {
        int n = cell.length;
        for (int robot = 0; robot < n; robot++) {
            if (brokenAtStep[robot] == step) {
                broken[robot] = true;
            }
            if (delays != null && delayLeft[robot] == 0 && delayRandom.nextDouble() < delays.eventProbability()) {
                delayLeft[robot] = delays.minSteps() + delayRandom.nextInt(delays.maxSteps() - delays.minSteps() + 1);
                delayEvents++;
            }
            executed[robot] = Action.WAIT;
            state[robot] = (byte) (pending[robot] == NO_COMMAND || broken[robot] || delayLeft[robot] > 0
                    ? STAYS : UNDECIDED);
            if (delayLeft[robot] > 0) {
                delayLeft[robot]--;
            }
        }
        for (int robot = 0; robot < n; robot++) {
            if (state[robot] == UNDECIDED) {
                resolve(robot);
            }
        }
        for (int robot = 0; robot < n; robot++) {
            if (state[robot] == MOVES) {
                occupant[cell[robot]] = occupant[cell[robot]] == robot ? -1 : occupant[cell[robot]];
            }
        }
        for (int robot = 0; robot < n; robot++) {
            if (state[robot] == MOVES) {
                Action action = Action.ofOrdinal(pending[robot]);
                executed[robot] = action;
                cell[robot] = pendingCell[robot];
                heading[robot] = ActionModel.nextHeading(heading[robot], action);
                occupant[cell[robot]] = robot;
                pending[robot] = NO_COMMAND;
            }
        }
        step++;
    }

    /**
     * Decides whether a ready robot moves, following the chain of robots each waiting for the cell of the next:
     * the chain moves if its head's target is free or its head follows a robot that moves; a closed chain is a
     * cycle that rotates together, except a two-robot cycle, which is a swap and stays. Robots queued into a
     * cycle stay, since the cycle refills the cell they wait for.
     */
    private void resolve(int start) {
        int length = 0;
        int robot = start;
        byte outcome;
        while (true) {
            state[robot] = VISITING;
            chain[length++] = robot;
            int target = pendingCell[robot];
            int ahead = target == cell[robot] ? -1 : occupant[target];
            if (ahead < 0) {
                outcome = MOVES;
                break;
            }
            if (state[ahead] == VISITING) {
                int from = length - 1;
                while (chain[from] != ahead) {
                    from--;
                }
                byte cycle = length - from == 2 ? STAYS : MOVES;
                for (int k = from; k < length; k++) {
                    state[chain[k]] = cycle;
                }
                length = from;
                outcome = STAYS;
                break;
            }
            if (state[ahead] == UNDECIDED) {
                robot = ahead;
                continue;
            }
            outcome = state[ahead] == MOVES && pendingCell[ahead] != cell[robot] ? MOVES : STAYS;
            break;
        }
        for (int k = 0; k < length; k++) {
            state[chain[k]] = outcome;
        }
    }
}
