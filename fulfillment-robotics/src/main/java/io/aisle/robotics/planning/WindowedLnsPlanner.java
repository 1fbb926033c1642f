package io.aisle.robotics.planning;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.distance.GoalDistances;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.motion.ActionModel;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Guided PIBT, then large neighbourhood search on a window of its plan while the step's time lasts, after
 * WPPL (Jiang, Zhang, Chen, Li, Koenig, Li, "Scaling lifelong multi-agent path finding to more realistic
 * settings", AAAI 2024).
 *
 * <p>Each step: (1) PIBT plans the step, which is already a valid answer; (2) a copy of PIBT rolls the fleet
 * forward to a {@code window}-step plan; (3) repeatedly, a few robots near a delayed one drop their paths and
 * are re-planned one by one with space-time A* ({@link SpaceTimeSearch}) around everybody else's, and the new
 * paths are kept when their total cost (steps to goal in the window, plus an estimate for what is left) is
 * lower; (4) the first step of the resulting window plan is executed and the rest thrown away. Example: PIBT
 * sends robot A down a corridor where B stands still for two turns; A* lets A wait one step, turn and take the
 * parallel corridor, arriving earlier, so that neighbourhood is kept.
 *
 * <p>Time: search stops at {@code searchMillis} after the base plan or at half of what is left before the
 * deadline, whichever is first; what is kept by then is executed, so a slow or late search falls back to the
 * PIBT plan or a plan improved from it, never to nothing. Every path is checked against the reservations of all
 * others, so any kept window plan is free of vertex and swap conflicts; its first step obeys the
 * {@link PathPlanner} contract. When any robot is held by an unconfirmed command, the PIBT plan is used as is.
 *
 * <p>Deterministic given the seed and the clock's readings. Not thread-safe.
 */
public final class WindowedLnsPlanner implements PathPlanner {

    private static final int MAX_EXPANSIONS = 40_000;
    private static final int SEED_DRAWS = 4;

    private final PriorityInheritancePlanner main;
    private final PriorityInheritancePlanner trial;
    private final GridMap map;
    private final GoalDistances guide;
    private final ActionModel model;
    private final LongSupplier nanoClock;
    private final SpaceTimeSearch search;
    private final int window;
    private final long searchNanos;
    private final int neighbourhood;
    private final SplittableRandom random;
    private Fleet scratch;
    private StepPlan rolloutStep;
    private int[] pathCell = new int[0];
    private int[] pathHeading = new int[0];
    private int[] newCell = new int[0];
    private int[] newHeading = new int[0];
    private int[] cost = new int[0];
    private int[] newCost = new int[0];
    private int[] group = new int[0];
    private int[] candidates = new int[0];
    private char[][] tables = new char[0][];
    private boolean[] replannable = new boolean[0];
    private long improvements;
    private long neighbourhoodsTried;

    /**
     * @param window        steps of the plan searched, at least 1
     * @param searchMillis  most time spent on search per step, 0 for none
     * @param neighbourhood robots re-planned together, at least 1
     */
    public WindowedLnsPlanner(GridMap map, DistanceOracle oracle, ActionModel model, LongSupplier nanoClock,
                              long seed, int window, long searchMillis, int neighbourhood) {
        this(map, oracle, oracle, model, nanoClock, seed, window, searchMillis, neighbourhood);
    }

    /**
     * A planner on {@code guide}'s costs (such as lanes): PIBT orders candidates by them and the search costs
     * paths by them too, so it keeps the plans PIBT makes on the lanes instead of undoing them (searched in
     * moves, on LoRR 2023 random-32-32-20 with 400 robots, 1,000 steps, lanes of penalty 4: 2,274 tasks; with
     * the search on lane costs 3,416; no lanes 2,486). {@code oracle} says which cells are blocked.
     */
    public WindowedLnsPlanner(GridMap map, DistanceOracle oracle, GoalDistances guide, ActionModel model,
                              LongSupplier nanoClock, long seed, int window, long searchMillis, int neighbourhood) {
        if (window < 1 || searchMillis < 0 || neighbourhood < 1) {
            throw new IllegalArgumentException("window and neighbourhood must be >= 1 and searchMillis >= 0 but were "
                    + window + ", " + neighbourhood + " and " + searchMillis);
        }
        this.main = new PriorityInheritancePlanner(map, oracle, guide, model, nanoClock, seed, true);
        this.trial = new PriorityInheritancePlanner(map, oracle, guide, model, nanoClock, seed, true);
        this.map = map;
        this.guide = guide;
        this.model = model;
        this.nanoClock = nanoClock;
        this.search = new SpaceTimeSearch(map, oracle, guide, model, window);
        this.window = window;
        this.searchNanos = searchMillis * 1_000_000L;
        this.neighbourhood = neighbourhood;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    /** Neighbourhoods whose re-planned paths were kept, over all steps. */
    public long improvements() {
        return improvements;
    }

    /** Neighbourhoods re-planned, kept or not, over all steps. */
    public long neighbourhoodsTried() {
        return neighbourhoodsTried;
    }

    @Override
    public StepOutcome planStep(Fleet fleet, long deadlineNanos, StepPlan out) {
        StepOutcome outcome = main.planStep(fleet, deadlineNanos, out);
        int n = fleet.size();
        if (outcome.budgetExhausted() || searchNanos == 0 || n == 0 || anyHeld(fleet)) {
            return outcome;
        }
        long now = nanoClock.getAsLong();
        long stop = now + Math.min(searchNanos, (deadlineNanos - now) / 2);
        ensureCapacity(n);
        if (!rollOut(fleet, out, stop)) {
            return outcome;
        }
        int stride = window + 1;
        int movable = 0;
        for (int r = 0; r < n; r++) {
            int goal = fleet.goal(r);
            tables[r] = goal == GridMap.NONE || !guide.isCached(goal) ? null : guide.table(goal);
            replannable[r] = goal == GridMap.NONE || tables[r] != null;
            cost[r] = replannable[r] ? search.cost(pathCell, pathHeading, r * stride, goal, tables[r]) : 0;
            search.reserve(r, pathCell, r * stride);
            if (replannable[r]) {
                candidates[movable++] = r;
            }
        }
        boolean changed = false;
        while (movable > 0 && nanoClock.getAsLong() - stop < 0) {
            changed |= improveOnce(fleet, movable);
        }
        for (int r = 0; r < n; r++) {
            search.release(r, pathCell, r * stride);
        }
        if (changed) {
            writeFirstStep(n, out);
        }
        return outcome;
    }

    private static boolean anyHeld(Fleet fleet) {
        for (int r = 0; r < fleet.size(); r++) {
            if (fleet.isHeld(r)) {
                return true;
            }
        }
        return false;
    }

    private void ensureCapacity(int n) {
        if (scratch != null && scratch.size() == n) {
            return;
        }
        scratch = new Fleet(n);
        rolloutStep = new StepPlan(n);
        int stride = window + 1;
        pathCell = new int[n * stride];
        pathHeading = new int[n * stride];
        newCell = new int[n * stride];
        newHeading = new int[n * stride];
        cost = new int[n];
        newCost = new int[n];
        group = new int[Math.min(n, neighbourhood)];
        candidates = new int[n];
        tables = new char[n][];
        replannable = new boolean[n];
    }

    /**
     * Records the base window plan: the fleet now, PIBT's first step, then {@code window - 1} steps of a PIBT copy
     * (a robot on its goal continues without one). False when the copy ran out of time.
     */
    private boolean rollOut(Fleet fleet, StepPlan first, long stop) {
        int n = fleet.size();
        int stride = window + 1;
        for (int r = 0; r < n; r++) {
            pathCell[r * stride] = fleet.cell(r);
            pathHeading[r * stride] = fleet.heading(r);
            pathCell[r * stride + 1] = first.nextCell(r);
            pathHeading[r * stride + 1] = first.nextHeading(r);
            int goal = fleet.goal(r);
            scratch.place(r, first.nextCell(r), first.nextHeading(r));
            scratch.setGoal(r, goal == first.nextCell(r) || goal == fleet.cell(r) ? GridMap.NONE : goal);
            scratch.release(r);
        }
        trial.copyStateFrom(main);
        for (int t = 2; t <= window; t++) {
            if (trial.planStep(scratch, stop, rolloutStep).budgetExhausted()) {
                return false;
            }
            for (int r = 0; r < n; r++) {
                int cell = rolloutStep.nextCell(r);
                pathCell[r * stride + t] = cell;
                pathHeading[r * stride + t] = rolloutStep.nextHeading(r);
                scratch.place(r, cell, rolloutStep.nextHeading(r));
                if (scratch.goal(r) == cell) {
                    scratch.setGoal(r, GridMap.NONE);
                }
            }
        }
        return true;
    }

    /** Re-plans one neighbourhood; true when its new paths were kept. */
    private boolean improveOnce(Fleet fleet, int movable) {
        neighbourhoodsTried++;
        int stride = window + 1;
        int seed = candidates[random.nextInt(movable)];
        int seedDelay = delay(fleet, seed);
        for (int k = 1; k < SEED_DRAWS; k++) {
            int other = candidates[random.nextInt(movable)];
            int otherDelay = delay(fleet, other);
            if (otherDelay > seedDelay) {
                seed = other;
                seedDelay = otherDelay;
            }
        }
        int size = collectGroup(fleet, seed, movable);
        int oldCost = 0;
        for (int k = 0; k < size; k++) {
            int r = group[k];
            oldCost += cost[r];
            search.release(r, pathCell, r * stride);
        }
        // Random order: prioritized planning is sensitive to it, and retries should not repeat themselves.
        for (int k = size - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int swap = group[k];
            group[k] = group[j];
            group[j] = swap;
        }
        int total = 0;
        int placed = 0;
        for (; placed < size; placed++) {
            int r = group[placed];
            int c = search.plan(fleet.cell(r), fleet.heading(r), fleet.goal(r), tables[r], MAX_EXPANSIONS,
                    newCell, newHeading, r * stride);
            if (c < 0) {
                break;
            }
            newCost[r] = c;
            total += c;
            search.reserve(r, newCell, r * stride);
        }
        boolean keep = placed == size && total < oldCost;
        for (int k = 0; k < placed; k++) {
            search.release(group[k], newCell, group[k] * stride);
        }
        for (int k = 0; k < size; k++) {
            int r = group[k];
            if (keep) {
                System.arraycopy(newCell, r * stride, pathCell, r * stride, stride);
                System.arraycopy(newHeading, r * stride, pathHeading, r * stride, stride);
                cost[r] = newCost[r];
            }
            search.reserve(r, pathCell, r * stride);
        }
        if (keep) {
            improvements++;
        }
        return keep;
    }

    /** How much longer than the lower bound a robot's window path is. */
    private int delay(Fleet fleet, int robot) {
        if (tables[robot] == null) {
            return 0;
        }
        return cost[robot] - search.estimate(tables[robot], fleet.cell(robot), fleet.heading(robot));
    }

    /**
     * The seed robot and up to {@code neighbourhood - 1} others drawn from those starting within reach of it in
     * the window (Manhattan distance at most twice the window), where their paths can cross.
     */
    private int collectGroup(Fleet fleet, int seed, int movable) {
        group[0] = seed;
        int size = 1;
        int seen = 0;
        int here = fleet.cell(seed);
        int reach = 2 * window;
        for (int k = 0; k < movable; k++) {
            int r = candidates[k];
            if (r == seed || map.manhattan(here, fleet.cell(r)) > reach) {
                continue;
            }
            seen++;
            // Reservoir sampling keeps a uniform draw of the robots in reach.
            if (size < group.length) {
                group[size++] = r;
            } else {
                int j = random.nextInt(seen);
                if (j < group.length - 1) {
                    group[1 + j] = r;
                }
            }
        }
        return size;
    }

    private void writeFirstStep(int n, StepPlan out) {
        int stride = window + 1;
        for (int r = 0; r < n; r++) {
            int cell = pathCell[r * stride];
            int heading = pathHeading[r * stride];
            int nextCell = pathCell[r * stride + 1];
            int nextHeading = pathHeading[r * stride + 1];
            Action action;
            if (nextCell != cell) {
                action = model == ActionModel.ROTATION ? Action.FORWARD
                        : Action.moveToward(map.directionTo(cell, nextCell));
            } else if (nextHeading == heading) {
                action = Action.WAIT;
            } else {
                action = nextHeading == ((heading + 1) & 3) ? Action.CLOCKWISE : Action.COUNTERCLOCKWISE;
            }
            out.set(r, action, nextCell, nextHeading);
        }
    }
}
