package io.aisle.robotics.planning;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.ActionModel;
import java.util.function.LongSupplier;

/**
 * Windowed improvement on top of guided PIBT, used only while the step's budget lasts. The base plan is made
 * first, so a valid plan always exists. Then, for a few other tie-breaking seeds, PIBT plans an alternative
 * first step and rolls the fleet forward {@code window} steps; the base plan is rolled out the same way. The
 * first step whose rollout brings robots closest to their goals in total wins. Only the first step is ever
 * executed, as in rolling-horizon planning (Li et al., "Lifelong multi-agent path finding in large-scale
 * warehouses", AAAI 2021). Robots held by unconfirmed commands stay put in rollouts.
 *
 * <p>Every candidate comes from the same PIBT search, so every candidate satisfies the {@link PathPlanner}
 * contract; the choice among them cannot break it. Not thread-safe.
 */
public final class LookaheadPlanner implements PathPlanner {

    private final PriorityInheritancePlanner main;
    private final PriorityInheritancePlanner before;
    private final PriorityInheritancePlanner trial;
    private final PriorityInheritancePlanner chosen;
    private final DistanceOracle oracle;
    private final LongSupplier nanoClock;
    private final int window;
    private final int alternatives;
    private long seed;
    private Fleet scratch;
    private StepPlan firstStep;
    private StepPlan rolloutStep;
    private long improvements;

    /**
     * @param window       rollout length in steps, at least 1
     * @param alternatives other first steps tried per step while time remains
     */
    public LookaheadPlanner(GridMap map, DistanceOracle oracle, ActionModel model, LongSupplier nanoClock, long seed,
                            int window, int alternatives) {
        if (window < 1 || alternatives < 0) {
            throw new IllegalArgumentException("window must be >= 1 and alternatives >= 0 but were " + window
                    + " and " + alternatives);
        }
        this.main = new PriorityInheritancePlanner(map, oracle, model, nanoClock, seed, true);
        this.before = new PriorityInheritancePlanner(map, oracle, model, nanoClock, seed, true);
        this.trial = new PriorityInheritancePlanner(map, oracle, model, nanoClock, seed, true);
        this.chosen = new PriorityInheritancePlanner(map, oracle, model, nanoClock, seed, true);
        this.oracle = oracle;
        this.nanoClock = nanoClock;
        this.window = window;
        this.alternatives = alternatives;
        this.seed = seed;
    }

    /** Steps where an alternative first step beat the base plan. */
    public long improvements() {
        return improvements;
    }

    @Override
    public StepOutcome planStep(Fleet fleet, long deadlineNanos, StepPlan out) {
        int n = fleet.size();
        if (scratch == null || scratch.size() != n) {
            scratch = new Fleet(n);
            firstStep = new StepPlan(n);
            rolloutStep = new StepPlan(n);
        }
        before.copyStateFrom(main);
        StepOutcome outcome = main.planStep(fleet, deadlineNanos, out);
        if (outcome.budgetExhausted() || alternatives == 0) {
            return outcome;
        }
        // Half of what is left goes to lookahead, so a slow rollout cannot run past the deadline.
        long now = nanoClock.getAsLong();
        long lookaheadDeadline = now + (deadlineNanos - now) / 2;
        trial.copyStateFrom(main);
        long bestScore = rollout(fleet, out, lookaheadDeadline);
        if (bestScore == Long.MIN_VALUE) {
            return outcome;
        }
        boolean improved = false;
        for (int k = 0; k < alternatives && nanoClock.getAsLong() - lookaheadDeadline < 0; k++) {
            trial.copyStateFrom(before);
            trial.reseed(++seed * 0x9E3779B97F4A7C15L);
            StepOutcome alternative = trial.planStep(fleet, lookaheadDeadline, firstStep);
            if (alternative.budgetExhausted()) {
                break;
            }
            chosen.copyStateFrom(trial);
            long score = rollout(fleet, firstStep, lookaheadDeadline);
            if (score > bestScore) {
                bestScore = score;
                improved = true;
                for (int r = 0; r < n; r++) {
                    out.set(r, firstStep.action(r), firstStep.nextCell(r), firstStep.nextHeading(r));
                }
                main.copyStateFrom(chosen);
            }
        }
        if (improved) {
            improvements++;
        }
        return outcome;
    }

    /**
     * Applies a first step to a copy of the fleet, lets {@link #trial} plan {@code window - 1} more steps, and
     * returns the total distance the robots with goals gained (Long.MIN_VALUE when out of time).
     */
    private long rollout(Fleet fleet, StepPlan first, long deadline) {
        int n = fleet.size();
        long start = 0;
        for (int r = 0; r < n; r++) {
            int goal = fleet.goal(r);
            scratch.place(r, first.nextCell(r), first.nextHeading(r));
            scratch.setGoal(r, goal == first.nextCell(r) ? GridMap.NONE : goal);
            if (fleet.isHeld(r)) {
                scratch.hold(r, first.nextCell(r));
            } else {
                scratch.release(r);
            }
            if (goal != GridMap.NONE) {
                start += oracle.distance(goal, fleet.cell(r));
            }
        }
        for (int step = 1; step < window; step++) {
            StepOutcome outcome = trial.planStep(scratch, deadline, rolloutStep);
            if (outcome.budgetExhausted()) {
                return Long.MIN_VALUE;
            }
            for (int r = 0; r < n; r++) {
                scratch.place(r, rolloutStep.nextCell(r), rolloutStep.nextHeading(r));
                if (scratch.goal(r) == rolloutStep.nextCell(r)) {
                    scratch.setGoal(r, GridMap.NONE);
                }
            }
        }
        long end = 0;
        for (int r = 0; r < n; r++) {
            int goal = fleet.goal(r);
            if (goal != GridMap.NONE && scratch.goal(r) != GridMap.NONE) {
                end += oracle.distance(goal, scratch.cell(r));
            }
        }
        return start - end;
    }
}
