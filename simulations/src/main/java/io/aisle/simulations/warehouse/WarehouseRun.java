package io.aisle.simulations.warehouse;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.planning.Fleet;
import io.aisle.robotics.planning.PathPlanner;
import io.aisle.robotics.planning.StepOutcome;
import io.aisle.robotics.planning.StepPlan;
import io.aisle.robotics.problem.LorrProblem;
import io.aisle.robotics.task.LorrTaskSystem;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * One benchmark run: a planner moves the fleet of a LoRR problem in the simulator for a number of steps, under
 * the problem's task rules, while two validators check every planned and every executed step.
 *
 * <p>Each step: the planner sees the confirmed poses (a robot with an unexecuted command is held); tasks are
 * updated (assignment); the planner gets what is left of {@code budgetMillis} for the step; commands go to robots that are not held; the simulator
 * executes them with delays and breakdowns. A broken robot is declared faulted after
 * {@code faultTimeoutSteps} steps: its cell becomes an obstacle and its task is re-dispatched.
 */
public final class WarehouseRun {

    /** Stale distance tables recomputed per step after a cell is blocked. */
    private static final int REFRESHES_PER_STEP = 64;

    private WarehouseRun() {
    }

    public static RunReport run(String plannerName, LorrProblem problem, PlannerFactory factory, RunSettings settings) {
        GridMap map = problem.map();
        int n = problem.teamSize();
        int capacity = DistanceOracle.capacityFor(map, n + 4096, Runtime.getRuntime().maxMemory());
        DistanceOracle oracle = new DistanceOracle(map, capacity);
        PathPlanner planner = factory.create(oracle, settings.model(), n, settings.seed());
        LorrTaskSystem tasks = new LorrTaskSystem(problem, oracle);
        WarehouseSimulator simulator = new WarehouseSimulator(map, settings.model(), problem.starts(),
                settings.delays(), settings.breakdownShare(), settings.ticks(), settings.seed());
        StepValidator planCheck = new StepValidator(map, settings.model(), oracle::isBlocked);
        StepValidator executionCheck = new StepValidator(map, settings.model(), cell -> false);
        Fleet fleet = new Fleet(n);
        boolean[] available = new boolean[n];
        Arrays.fill(available, true);
        int[] silentSteps = new int[n];
        int faulted = 0;
        StepPlan plan = new StepPlan(n);
        int[] cellBefore = new int[n];
        int[] headingBefore = new int[n];
        int[] cellAfter = new int[n];
        int[] headingAfter = new int[n];
        int[] plannedCell = new int[n];
        int[] plannedHeading = new int[n];
        Action[] planned = new Action[n];
        Action[] executed = new Action[n];
        double[] planMillis = new double[settings.ticks()];
        double[] tickMillis = new double[settings.ticks()];
        double[] planCpuMillis = new double[settings.ticks()];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int exhausted = 0;

        long preprocessStart = System.nanoTime();
        observe(simulator, fleet, available);
        tasks.update(fleet, available);
        for (int robot = 0; robot < n; robot++) {
            if (fleet.goal(robot) != GridMap.NONE) {
                oracle.table(fleet.goal(robot));
            }
        }
        long preprocessMs = (System.nanoTime() - preprocessStart) / 1_000_000;

        for (int step = 0; step < settings.ticks(); step++) {
            observe(simulator, fleet, available);
            for (int robot = 0; robot < n; robot++) {
                silentSteps[robot] = simulator.isBroken(robot) ? silentSteps[robot] + 1 : 0;
                if (available[robot] && silentSteps[robot] >= settings.faultTimeoutSteps()) {
                    available[robot] = false;
                    faulted++;
                    oracle.setBlocked(simulator.cell(robot), true);
                }
                if (!available[robot]) {
                    fleet.hold(robot, simulator.cell(robot));
                }
            }
            long tickStart = System.nanoTime();
            if (step > 0) {
                tasks.update(fleet, available);
            }
            oracle.limitRefreshes(REFRESHES_PER_STEP);
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            StepOutcome outcome = planner.planStep(fleet, tickStart + settings.budgetMillis() * 1_000_000, plan);
            long end = System.nanoTime();
            planMillis[step] = (end - start) / 1e6;
            planCpuMillis[step] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            tickMillis[step] = (end - tickStart) / 1e6;
            if (outcome.budgetExhausted()) {
                exhausted++;
            }
            for (int robot = 0; robot < n; robot++) {
                cellBefore[robot] = fleet.cell(robot);
                headingBefore[robot] = fleet.heading(robot);
                planned[robot] = plan.action(robot);
                plannedCell[robot] = plan.nextCell(robot);
                plannedHeading[robot] = plan.nextHeading(robot);
                if (!fleet.isHeld(robot) && planned[robot] != Action.WAIT) {
                    simulator.issue(robot, planned[robot]);
                }
            }
            planCheck.check(step, cellBefore, headingBefore, planned, plannedCell, plannedHeading);
            for (int robot = 0; robot < n; robot++) {
                cellBefore[robot] = simulator.cell(robot);
                headingBefore[robot] = simulator.heading(robot);
            }
            simulator.step(executed);
            for (int robot = 0; robot < n; robot++) {
                cellAfter[robot] = simulator.cell(robot);
                headingAfter[robot] = simulator.heading(robot);
            }
            executionCheck.check(step, cellBefore, headingBefore, executed, cellAfter, headingAfter);
        }
        observe(simulator, fleet, available);
        tasks.update(fleet, available);
        double[] sorted = planMillis.clone();
        Arrays.sort(sorted);
        double[] sortedTicks = tickMillis.clone();
        Arrays.sort(sortedTicks);
        double[] sortedCpu = planCpuMillis.clone();
        Arrays.sort(sortedCpu);
        String violation = planCheck.firstViolation() != null ? "planned " + planCheck.firstViolation()
                : executionCheck.firstViolation() != null ? "executed " + executionCheck.firstViolation() : null;
        return new RunReport(plannerName, n, settings.ticks(), tasks.tasksFinished(), tasks.errandsFinished(),
                planCheck.collisions() + executionCheck.collisions(),
                planCheck.invalidActions() + executionCheck.invalidActions(),
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1],
                percentile(sortedTicks, 0.99), sortedTicks[sortedTicks.length - 1],
                percentile(sortedCpu, 0.50), percentile(sortedCpu, 0.99), sortedCpu[sortedCpu.length - 1], exhausted,
                simulator.delayEvents(), faulted, preprocessMs, violation);
    }

    /** Copies the simulator's poses into the planner's view; a robot with an unexecuted command is held. */
    private static void observe(WarehouseSimulator simulator, Fleet fleet, boolean[] available) {
        for (int robot = 0; robot < fleet.size(); robot++) {
            fleet.place(robot, simulator.cell(robot), simulator.heading(robot));
            if (simulator.hasPending(robot)) {
                fleet.hold(robot, simulator.pendingCell(robot));
            } else {
                fleet.release(robot);
            }
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
