package io.aisle.robotics.planning;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.distance.GoalDistances;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.motion.ActionModel;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * PIBT: Priority Inheritance with Backtracking (Okumura, Machida, Défago, Tamura, "Priority inheritance with
 * backtracking for iterative multi-agent path finding", Artificial Intelligence 310, 2022), made lifelong and
 * guided away from congestion.
 *
 * <p>Every step, robots are taken in priority order (steps since their goal was set, so a robot that waits
 * long rises). Each picks the best free neighbour by true distance to its goal. If a lower-priority robot
 * stands there, that robot inherits the priority and must move away first, recursively; if it cannot, the
 * caller backtracks to its next candidate. Example: A wants B's cell, B's only free cell is C; B moves to C,
 * A moves into B's old cell. A robot never enters the cell of the robot that pushed it, so no two robots swap.
 *
 * <p>Guidance: candidate scores add a bounded penalty for <em>contraflow</em>, moving against the recent
 * traffic through a cell (the idea of Chen et al., "Traffic flow optimisation for lifelong multi-agent path
 * finding", AAAI 2024), so opposite streams settle into separate aisles instead of meeting head-on.
 *
 * <p>Lanes (optional): candidates can be ordered by the costs of a direction-weighted grid instead of true
 * distances ({@link io.aisle.robotics.distance.LaneDistanceOracle}), so traffic keeps to one-way lanes.
 *
 * <p>Rotation model: cells are planned as in the 4-connected model, with the turns needed to face a neighbour
 * added to its score. A robot whose planned cell is not ahead turns toward it and stays, and every robot that
 * planned to follow into its cell stays too (transitively), so the step stays conflict-free. A pushed robot
 * keeps being pushed the same way on the next steps, so it completes its turn and then makes way.
 * Penalising head-on neighbours was tried and removed: it made robots flip between directions and lost a
 * third of the throughput on the LoRR warehouse_small example.
 *
 * <p>Real time: the deadline is checked before each robot and on every inheritance; robots not reached wait
 * in place, which is always safe because a robot's cell is only given away after that robot has moved.
 *
 * <p>Congestion control: on a very dense floor only the longest-waiting robots, up to half the free cells,
 * pursue their goals; the others plan as idle and make way (see {@link #admitOldestGoals}).
 *
 * <p>Livelock: a robot whose distance has not improved for {@link #STALL_LIMIT} steps is perturbed (random
 * candidate order among its moves) for a few steps, which breaks oscillations between equal choices.
 * Deadlock on a parked robot: see {@link #evacuateBlocker}.
 *
 * <p>Costs per step: O(robots * log robots) for the priority sort plus O(robots) amortised search; buffers
 * are reused, so a step allocates only when a new goal needs its distance table.
 */
public final class PriorityInheritancePlanner implements PathPlanner {

    /** Steps without progress after which a robot counts as stuck in a livelock. */
    public static final int STALL_LIMIT = 24;
    private static final int PERTURB_STEPS = 4;
    private static final int MAX_DEPTH = 2048;
    private static final int MAX_CANDIDATES = 5;
    private static final float FLOW_DECAY = 0.85f;
    private static final float CONTRAFLOW_WEIGHT = 0.35f;
    private static final float CONTRAFLOW_CAP = 1.2f;
    private static final int UNPLANNED = -2;
    private static final int EVACUATION_PATH_CELLS = 64;
    private static final int YIELD_STEPS = 12;
    private static final float ON_PUSHER_PATH_PENALTY = 2.5f;
    private static final int EVACUATION_SEARCH_CELLS = 4096;
    /**
     * Weight of turns in a pushed robot's candidate scores. A pushed robot that must turn to make way stays this
     * step, and so does its pusher and everyone behind; weighing its turns double makes it prefer to move on
     * ahead. Measured on LoRR 2023 random-32-32-20 with 400 robots, 300 steps: 513 tasks at weight 1, 731 at 2,
     * 710 at 3; turns of robots that are not pushed keep weight 1 (1.5 and 0.6 both lost).
     */
    private static final float PUSHED_TURN_WEIGHT = 2f;
    /**
     * Most robots pursuing goals at once, as a share of the free cells. Measured on LoRR 2023 random-32-32-20,
     * 300 steps, rotation model: 600 robots finish 317 tasks with no limit, 443 at 0.4, 449 at 0.45, 470 at 0.5,
     * 392 at 0.25; 800 robots 75 with no limit, 98 at 0.4; 400 robots (under the limit at 0.5) lose at 0.4 (675
     * against 731).
     */
    static final double ACTIVE_SHARE = 0.5;

    private final GridMap map;
    private final DistanceOracle oracle;
    private final GoalDistances guide;
    private final ActionModel model;
    private final LongSupplier nanoClock;
    private SplittableRandom random;
    private final int[] occupantNow;
    private final int[] occupantNext;
    private final float[] flow;
    private final boolean guided;

    private int[] next = new int[0];
    private int[] lastGoal = new int[0];
    private int[] elapsed = new int[0];
    private int[] bestDistance = new int[0];
    private int[] stall = new int[0];
    private int[] perturb = new int[0];
    private int[] preferredHeading = new int[0];
    private int[] stayers = new int[0];
    private boolean[] waits = new boolean[0];
    private long[] order = new long[0];
    private int[] tieRank = new int[0];
    private char[][] goalTables = new char[0][];
    private char[][] pushTable = new char[0][];
    private int[] evacuateTo = new int[0];
    private int[] evacuateSteps = new int[0];
    private int[] yieldFor = new int[0];
    private int[] yieldSteps = new int[0];
    private final int[] mark;
    private final int[] seen;
    private final int[] queue;
    private int stamp;
    private final int[] candidates = new int[MAX_CANDIDATES * (MAX_DEPTH + 2)];
    private final float[] scores = new float[MAX_CANDIDATES];
    private Fleet fleet;
    private long deadline;
    private long searchDeadline;
    private boolean outOfTime;

    /**
     * @param map       the grid
     * @param oracle    distances to goals; blocked cells in it are never entered
     * @param model     action model of every robot
     * @param nanoClock monotonic nanoseconds, compared with the deadline ({@code System::nanoTime} in
     *                  production, a fake in tests)
     * @param seed      seeds tie-breaking
     * @param guided    whether to add the contraflow penalty
     */
    public PriorityInheritancePlanner(GridMap map, DistanceOracle oracle, ActionModel model, LongSupplier nanoClock,
                                      long seed, boolean guided) {
        this(map, oracle, oracle, model, nanoClock, seed, guided);
    }

    /**
     * A planner whose candidates are ordered by {@code guide}'s costs instead of true distances, such as
     * {@link io.aisle.robotics.distance.LaneDistanceOracle}'s lanes; {@code oracle} still says which cells are
     * blocked.
     */
    public PriorityInheritancePlanner(GridMap map, DistanceOracle oracle, GoalDistances guide, ActionModel model,
                                      LongSupplier nanoClock, long seed, boolean guided) {
        this.map = map;
        this.oracle = oracle;
        this.guide = guide;
        this.model = model;
        this.nanoClock = nanoClock;
        this.random = new SplittableRandom(seed);
        this.guided = guided;
        this.occupantNow = new int[map.cellCount()];
        this.occupantNext = new int[map.cellCount()];
        this.flow = new float[map.cellCount() * GridMap.DIRECTIONS];
        this.mark = new int[map.cellCount()];
        this.seen = new int[map.cellCount()];
        this.queue = new int[map.cellCount()];
    }

    /** A guided planner on the system clock. */
    public PriorityInheritancePlanner(GridMap map, DistanceOracle oracle, ActionModel model, long seed) {
        this(map, oracle, model, System::nanoTime, seed, true);
    }

    @Override
    public StepOutcome planStep(Fleet fleet, long deadlineNanos, StepPlan out) {
        int n = fleet.size();
        if (out.size() != n) {
            throw new IllegalArgumentException("out must have " + n + " entries but had " + out.size());
        }
        ensureCapacity(n);
        this.fleet = fleet;
        this.deadline = deadlineNanos;
        this.outOfTime = false;
        long now = nanoClock.getAsLong();
        this.searchDeadline = now + (deadlineNanos - now) / 2;
        int recoveries = prepare(n);
        sortByPriority(n);
        admitOldestGoals(n);
        int planned = 0;
        for (int k = n - 1; k >= 0; k--) {
            int robot = (int) (order[k] & 0xFFFFF);
            if (next[robot] != UNPLANNED) {
                continue;
            }
            if (checkClock()) {
                break;
            }
            pibt(robot, -1, 0);
            planned++;
        }
        for (int robot = 0; robot < n; robot++) {
            if (next[robot] == UNPLANNED) {
                stay(robot);
            }
        }
        emit(n, out);
        finish(n);
        return new StepOutcome(planned, outOfTime, recoveries);
    }

    /**
     * Makes this planner continue from another one's learned state (priorities, progress counters, livelock
     * and evacuation marks, traffic flow), for lookahead on a copy. Both must plan the same map and fleet size.
     */
    void copyStateFrom(PriorityInheritancePlanner other) {
        ensureCapacity(other.next.length);
        int n = other.next.length;
        System.arraycopy(other.lastGoal, 0, lastGoal, 0, n);
        System.arraycopy(other.elapsed, 0, elapsed, 0, n);
        System.arraycopy(other.bestDistance, 0, bestDistance, 0, n);
        System.arraycopy(other.stall, 0, stall, 0, n);
        System.arraycopy(other.perturb, 0, perturb, 0, n);
        System.arraycopy(other.evacuateTo, 0, evacuateTo, 0, n);
        System.arraycopy(other.evacuateSteps, 0, evacuateSteps, 0, n);
        System.arraycopy(other.yieldFor, 0, yieldFor, 0, n);
        System.arraycopy(other.yieldSteps, 0, yieldSteps, 0, n);
        System.arraycopy(other.flow, 0, flow, 0, flow.length);
        System.arraycopy(other.tieRank, 0, tieRank, 0, n);
    }

    /** Restarts tie-breaking from a seed, so copies of one state explore different plans. */
    void reseed(long seed) {
        random = new SplittableRandom(seed);
    }

    private void ensureCapacity(int n) {
        if (n > 0xFFFFF) {
            throw new IllegalArgumentException("fleet size must be <= " + 0xFFFFF + " but was " + n);
        }
        if (next.length != n) {
            next = new int[n];
            lastGoal = new int[n];
            Arrays.fill(lastGoal, Integer.MIN_VALUE);
            elapsed = new int[n];
            bestDistance = new int[n];
            stall = new int[n];
            perturb = new int[n];
            preferredHeading = new int[n];
            stayers = new int[n];
            waits = new boolean[n];
            order = new long[n];
            // Fixed tie-breaks, as PIBT's epsilon: equal priorities must not flip from step to step, or robots
            // undo each other's turns. A robot perturbed out of a livelock draws a new one.
            tieRank = new int[n];
            for (int robot = 0; robot < n; robot++) {
                tieRank[robot] = random.nextInt(1 << 12);
            }
            goalTables = new char[n][];
            pushTable = new char[n][];
            evacuateTo = new int[n];
            Arrays.fill(evacuateTo, GridMap.NONE);
            evacuateSteps = new int[n];
            yieldFor = new int[n];
            Arrays.fill(yieldFor, -1);
            yieldSteps = new int[n];
        }
    }

    /** Marks occupancy, refreshes goal tables, progress counters and held robots. Returns livelock recoveries. */
    private int prepare(int n) {
        for (int robot = 0; robot < n; robot++) {
            next[robot] = UNPLANNED;
            occupantNow[fleet.cell(robot)] = robot + 1;
            preferredHeading[robot] = fleet.heading(robot);
        }
        int recoveries = 0;
        for (int robot = 0; robot < n; robot++) {
            int cell = fleet.cell(robot);
            int goal = fleet.goal(robot);
            if (evacuateTo[robot] != GridMap.NONE
                    && (goal != GridMap.NONE || evacuateTo[robot] == cell || --evacuateSteps[robot] <= 0)) {
                evacuateTo[robot] = GridMap.NONE;
            }
            if (yieldFor[robot] >= 0 && --yieldSteps[robot] <= 0) {
                yieldFor[robot] = -1;
            }
            // Past half the budget, a robot whose goal table is not cached yet plans as if idle this step, so
            // new searches never eat the time the fleet needs; the table is computed on a later step.
            goalTables[robot] = goal == GridMap.NONE
                    || (!guide.isCached(goal) && nanoClock.getAsLong() - searchDeadline >= 0)
                    ? null : guide.table(goal);
            int distance = goalTables[robot] == null ? 0 : guide.lookup(goalTables[robot], cell);
            if (goal != lastGoal[robot]) {
                lastGoal[robot] = goal;
                elapsed[robot] = 0;
                bestDistance[robot] = distance;
                stall[robot] = 0;
            } else {
                elapsed[robot]++;
                if (distance < bestDistance[robot]) {
                    bestDistance[robot] = distance;
                    stall[robot] = 0;
                } else if (goal != GridMap.NONE && distance > 0 && ++stall[robot] >= STALL_LIMIT) {
                    stall[robot] = 0;
                    perturb[robot] = PERTURB_STEPS;
                    tieRank[robot] = random.nextInt(1 << 12);
                    recoveries++;
                    evacuateBlocker(robot);
                }
            }
        }
        for (int robot = 0; robot < n; robot++) {
            if (evacuateTo[robot] != GridMap.NONE) {
                goalTables[robot] = guide.table(evacuateTo[robot]);
            }
            if (fleet.isHeld(robot)) {
                int cell = fleet.cell(robot);
                int target = fleet.heldTarget(robot);
                next[robot] = target;
                occupantNext[cell] = robot + 1;
                occupantNext[target] = robot + 1;
                occupantNow[target] = robot + 1;
            }
        }
        return recoveries;
    }

    /**
     * Deadlock recovery: when a stalled robot's best next cell holds another robot, that robot outranks the
     * stalled one for a while, so it pushes the stalled one back until they can pass (a head-on meeting where
     * the lower robot was pushed into a dead end). An idle blocker is also sent to the nearest free cell off the
     * stalled robot's path. Example: in a dead-end corridor whose last cell is A's goal and holds idle B, B
     * cannot be pushed deeper, so B is sent back past A into a side bay and A follows to its goal.
     */
    private void evacuateBlocker(int stalled) {
        char[] table = goalTables[stalled];
        int here = fleet.cell(stalled);
        int best = GridMap.NONE;
        int bestDistance = guide.lookup(table, here);
        for (int d = 0; d < GridMap.DIRECTIONS; d++) {
            int v = map.neighbour(here, d);
            if (v != GridMap.NONE && !oracle.isBlocked(v) && guide.lookup(table, v) < bestDistance) {
                best = v;
                bestDistance = guide.lookup(table, v);
            }
        }
        int blocker = best == GridMap.NONE ? -1 : occupantNow[best] - 1;
        if (blocker < 0 || fleet.isHeld(blocker) || yieldFor[blocker] >= 0) {
            return;
        }
        // The blocker outranks the stalled robot for a while: it pushes it back until they can pass.
        yieldFor[blocker] = stalled;
        yieldSteps[blocker] = YIELD_STEPS;
        if (fleet.goal(blocker) != GridMap.NONE || evacuateTo[blocker] != GridMap.NONE) {
            return;
        }
        stamp++;
        int cell = here;
        mark[cell] = stamp;
        for (int k = 0; k < EVACUATION_PATH_CELLS && guide.lookup(table, cell) > 0; k++) {
            int step = GridMap.NONE;
            for (int d = 0; d < GridMap.DIRECTIONS && step == GridMap.NONE; d++) {
                int v = map.neighbour(cell, d);
                if (v != GridMap.NONE && guide.lookup(table, v) < guide.lookup(table, cell)) {
                    step = v;
                }
            }
            if (step == GridMap.NONE) {
                break;
            }
            cell = step;
            mark[cell] = stamp;
        }
        int refuge = nearestUnmarkedFreeCell(fleet.cell(blocker));
        if (refuge != GridMap.NONE) {
            evacuateTo[blocker] = refuge;
            evacuateSteps[blocker] = 4 * map.manhattan(refuge, fleet.cell(blocker)) + 8;
            yieldSteps[blocker] = evacuateSteps[blocker];
        }
    }

    private int nearestUnmarkedFreeCell(int from) {
        int head = 0;
        int tail = 0;
        seen[from] = stamp;
        queue[tail++] = from;
        while (head < tail && head < EVACUATION_SEARCH_CELLS) {
            int cell = queue[head++];
            if (mark[cell] != stamp && occupantNow[cell] == 0) {
                return cell;
            }
            for (int d = 0; d < GridMap.DIRECTIONS; d++) {
                int v = map.neighbour(cell, d);
                if (v != GridMap.NONE && seen[v] != stamp && !oracle.isBlocked(v)) {
                    seen[v] = stamp;
                    queue[tail++] = v;
                }
            }
        }
        return GridMap.NONE;
    }

    private void sortByPriority(int n) {
        for (int robot = 0; robot < n; robot++) {
            long priority = fleet.goal(robot) == GridMap.NONE ? 0 : 1L + elapsed[robot];
            int over = yieldFor[robot];
            if (over >= 0) {
                priority = Math.max(priority, 2L + elapsed[over]);
            }
            order[robot] = (priority << 32) | ((long) tieRank[robot] << 20) | robot;
        }
        Arrays.sort(order, 0, n);
    }

    /**
     * Congestion control: when more robots have goals than {@link #ACTIVE_SHARE} of the free cells, only the
     * longest-waiting ones pursue theirs this step; the others plan as idle (stay unless pushed, step aside from
     * the pusher). A held-back robot keeps ageing, so it is admitted in turn. Example: 600 robots on the 819 free
     * cells of random-32-32-20 admit 409 goals a step.
     */
    private void admitOldestGoals(int n) {
        int limit = (int) (ACTIVE_SHARE * map.passableCount());
        int active = 0;
        for (int k = n - 1; k >= 0; k--) {
            int robot = (int) (order[k] & 0xFFFFF);
            if (goalTables[robot] == null || evacuateTo[robot] != GridMap.NONE) {
                continue;
            }
            if (++active > limit && !fleet.isHeld(robot)) {
                goalTables[robot] = null;
            }
        }
    }

    private boolean checkClock() {
        if (!outOfTime && nanoClock.getAsLong() - deadline >= 0) {
            outOfTime = true;
        }
        return outOfTime;
    }

    /**
     * Plans robot {@code i}, pushed by {@code parent} (or -1 at the top). Returns false when {@code i} has to
     * stay, in which case it holds its own cell.
     */
    private boolean pibt(int i, int parent, int depth) {
        if (depth >= MAX_DEPTH || checkClock()) {
            stay(i);
            return false;
        }
        // An idle robot that is pushed steps aside away from where its pusher is heading.
        pushTable[i] = goalTables[i] != null ? goalTables[i] : parent >= 0 ? pushTable[parent] : null;
        int base = depth * MAX_CANDIDATES;
        int count = fillCandidates(i, parent, base);
        int here = fleet.cell(i);
        for (int k = 0; k < count; k++) {
            int v = candidates[base + k];
            if (occupantNext[v] != 0) {
                continue;
            }
            if (parent >= 0 && v == fleet.cell(parent)) {
                continue;
            }
            int other = occupantNow[v] - 1;
            if (other >= 0 && other != i && next[other] == here) {
                continue;
            }
            occupantNext[v] = i + 1;
            next[i] = v;
            if (other >= 0 && other != i && next[other] == UNPLANNED && !pibt(other, i, depth + 1)) {
                continue;
            }
            return true;
        }
        stay(i);
        return false;
    }

    private void stay(int i) {
        next[i] = fleet.cell(i);
        occupantNext[fleet.cell(i)] = i + 1;
    }

    /**
     * Writes the candidate cells of robot i, best first, at {@code candidates[base..]}; returns how many. Under
     * the rotation model a neighbour that is not ahead costs the turns to face it as well.
     */
    private int fillCandidates(int i, int parent, int base) {
        int here = fleet.cell(i);
        int heading = fleet.heading(i);
        char[] table = goalTables[i];
        char[] aside = table == null ? pushTable[i] : null;
        boolean rotation = model == ActionModel.ROTATION;
        float noise = perturb[i] > 0 ? 2.5f : 0.01f;
        int count = addCandidate(base, 0, here, moveScore(table, aside, here, here, -1) + noise * random.nextFloat());
        int bestDirection = heading;
        float bestTurnScore = Float.MAX_VALUE;
        for (int d = 0; d < GridMap.DIRECTIONS; d++) {
            int v = map.neighbour(here, d);
            if (v == GridMap.NONE || oracle.isBlocked(v)) {
                continue;
            }
            float score = moveScore(table, aside, here, v, d) + noise * random.nextFloat();
            if (parent >= 0 && table != null && pushTable[parent] != null
                    && guide.lookup(pushTable[parent], v) < guide.lookup(pushTable[parent], here)
                    && guide.lookup(table, v) >= guide.lookup(table, here)) {
                // Fleeing along the pusher's way, against one's own, only delays the conflict: step aside.
                score += ON_PUSHER_PATH_PENALTY;
            }
            if (rotation) {
                score += turnCost(heading, d) * (parent >= 0 ? PUSHED_TURN_WEIGHT : 1f);
                if (score < bestTurnScore) {
                    bestTurnScore = score;
                    bestDirection = d;
                }
            }
            count = addCandidate(base, count, v, score);
        }
        preferredHeading[i] = bestDirection;
        return count;
    }

    /** Quarter turns from a heading to a direction (0, 1 or 2). */
    static int turnCost(int heading, int direction) {
        int turns = Math.abs(heading - direction);
        return turns == 3 ? 1 : turns;
    }

    /** Score of moving (or staying, {@code direction} -1) under the 4-connected model; lower is better. */
    private float moveScore(char[] table, char[] aside, int from, int to, int direction) {
        float score;
        if (table != null) {
            int d = guide.lookup(table, to);
            score = d == DistanceOracle.UNREACHABLE ? 1e6f : d;
        } else if (aside != null) {
            int d = guide.lookup(aside, to);
            score = d == DistanceOracle.UNREACHABLE ? 0 : -d;
        } else {
            // Idle robots prefer to stay; they still move when pushed.
            score = direction < 0 ? 0 : 1;
        }
        return direction < 0 ? score : score + contraflow(from, to, direction);
    }

    /** Bounded penalty for moving against the recent traffic through the two cells of a move. */
    private float contraflow(int from, int to, int direction) {
        if (!guided) {
            return 0;
        }
        int against = (direction + 2) & 3;
        float flowAgainst = flow[to * GridMap.DIRECTIONS + against] + flow[from * GridMap.DIRECTIONS + against];
        return Math.min(CONTRAFLOW_CAP, CONTRAFLOW_WEIGHT * flowAgainst);
    }

    private int addCandidate(int base, int count, int cell, float score) {
        int k = count;
        while (k > 0 && scores[k - 1] > score) {
            scores[k] = scores[k - 1];
            candidates[base + k] = candidates[base + k - 1];
            k--;
        }
        scores[k] = score;
        candidates[base + k] = cell;
        return count + 1;
    }

    /**
     * Turns the planned cells into actions. Under the rotation model a robot whose planned cell is not ahead
     * turns toward it and stays; then whoever planned to enter the cell of a robot that stays must stay too,
     * transitively (the chain behind a turning robot waits one step). Moves around a cycle all go ahead.
     */
    private void emit(int n, StepPlan out) {
        if (model == ActionModel.ROTATION) {
            int top = 0;
            for (int robot = 0; robot < n; robot++) {
                int here = fleet.cell(robot);
                int target = next[robot];
                boolean moves = !fleet.isHeld(robot) && target != here
                        && map.neighbour(here, fleet.heading(robot)) == target;
                waits[robot] = !moves;
                if (!moves) {
                    stayers[top++] = robot;
                    if (!fleet.isHeld(robot) && target != here) {
                        preferredHeading[robot] = map.directionTo(here, target);
                    }
                }
            }
            while (top > 0) {
                int robot = stayers[--top];
                int follower = occupantNext[fleet.cell(robot)] - 1;
                if (follower >= 0 && follower != robot && !waits[follower]) {
                    waits[follower] = true;
                    stayers[top++] = follower;
                }
            }
        }
        for (int robot = 0; robot < n; robot++) {
            int here = fleet.cell(robot);
            int heading = fleet.heading(robot);
            if (fleet.isHeld(robot)) {
                out.set(robot, Action.WAIT, here, heading);
            } else if (model == ActionModel.FOUR_CONNECTED) {
                int target = next[robot];
                out.set(robot, target == here ? Action.WAIT : Action.moveToward(map.directionTo(here, target)),
                        target, heading);
            } else if (!waits[robot]) {
                out.set(robot, Action.FORWARD, next[robot], heading);
            } else {
                Action turn = Action.WAIT;
                int want = preferredHeading[robot];
                boolean hasReason = goalTables[robot] != null || next[robot] != here;
                if (hasReason && (want == ((heading + 1) & 3) || want == ((heading + 2) & 3))) {
                    turn = Action.CLOCKWISE;
                } else if (hasReason && want == ((heading + 3) & 3)) {
                    turn = Action.COUNTERCLOCKWISE;
                }
                out.set(robot, turn, here, ActionModel.nextHeading(heading, turn));
            }
        }
    }

    /** Clears the occupancy marks this step set and updates the traffic flow. */
    private void finish(int n) {
        if (guided) {
            for (int k = 0; k < flow.length; k++) {
                flow[k] *= FLOW_DECAY;
            }
        }
        for (int robot = 0; robot < n; robot++) {
            int cell = fleet.cell(robot);
            occupantNow[cell] = 0;
            occupantNext[cell] = 0;
            int target = next[robot];
            if (target >= 0) {
                occupantNow[target] = 0;
                occupantNext[target] = 0;
                boolean moved = !fleet.isHeld(robot) && !(model == ActionModel.ROTATION && waits[robot]);
                if (guided && target != cell && moved) {
                    flow[target * GridMap.DIRECTIONS + map.directionTo(cell, target)] += 1;
                }
            }
            if (perturb[robot] > 0) {
                perturb[robot]--;
            }
        }
        fleet = null;
    }
}
