package io.aisle.simulations.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aisle.robotics.distance.LaneDistanceOracle;
import io.aisle.robotics.map.MovingAiMapReader;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.problem.DelayConfig;
import io.aisle.robotics.problem.LorrProblem;
import io.aisle.robotics.problem.LorrProblemReader;
import io.aisle.simulations.warehouse.PlannerFactory;
import io.aisle.simulations.warehouse.Planners;
import io.aisle.simulations.warehouse.RunReport;
import io.aisle.simulations.warehouse.RunSettings;
import io.aisle.simulations.warehouse.SyntheticProblems;
import io.aisle.simulations.warehouse.WarehouseRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code ./aisle bench warehouse}: runs the fleet planner (guided PIBT, or plain PIBT with --unguided) and the baseline (prioritized A*) on the
 * same problem, seeds and horizon, and prints one JSON report. Exit code 1 when any collision or invalid action
 * was seen.
 */
@Command(name = "warehouse", mixinStandardHelpOptions = true,
        description = "Run the fleet planner on a warehouse problem against a baseline.")
final class BenchWarehouseCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--problem", description = "LoRR problem JSON (map, agents and task files relative to it).")
        Path problem;
        @Option(names = "--map", description = "MovingAI map; robots and tasks are generated from --seed.")
        Path map;
    }

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--robots", description = "Fleet size (with --map; with --problem, the first N agents).")
    Integer robots;

    @Option(names = "--ticks", defaultValue = "500", description = "Steps to simulate (default ${DEFAULT-VALUE}).")
    int ticks;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of robots, tasks, delays and breakdowns.")
    long seed;

    @Option(names = "--delays", description = "Inject LoRR 2026 execution delays (the problem's delayConfig, "
            + "else 2-8 steps at 0.3% per robot and step); also runs without them to report the loss.")
    boolean delays;

    @Option(names = "--breakdowns", defaultValue = "0", description = "Fraction of the fleet that breaks down "
            + "for good at a random step (e.g. 0.01).")
    double breakdowns;

    @Option(names = "--model", description = "rotation or four-connected (default: rotation for LoRR problems, "
            + "four-connected for --map).")
    String model;

    @Option(names = "--budget-ms", defaultValue = "1000", description = "Planning budget per step in ms.")
    long budgetMillis;

    @Option(names = "--unguided", description = "Plan without the contraflow guidance (to measure what it brings).")
    boolean unguided;

    @Option(names = "--lookahead", defaultValue = "10", description = "Rollout window of the windowed improvement "
            + "(0: off); tries --alternatives other first steps while the budget lasts.")
    int lookahead;

    @Option(names = "--alternatives", defaultValue = "3", description = "First steps tried per step with --lookahead.")
    int alternatives;

    @Option(names = "--lns-ms", defaultValue = "0", description = "Per-step time for large neighbourhood search "
            + "on a window of the PIBT plan (0: off, then --lookahead applies).")
    long lnsMillis;

    @Option(names = "--lns-window", defaultValue = "10", description = "Window of the neighbourhood search in steps.")
    int lnsWindow;

    @Option(names = "--lns-group", defaultValue = "8", description = "Robots re-planned together by the search.")
    int lnsGroup;

    @Option(names = "--lanes", description = "Guide PIBT by costs on one-way lanes (even rows "
            + "east, odd rows west, even columns south, odd columns north) where a move against its lane costs "
            + "1 + this penalty (0: off, true distances), or auto: 0 below 0.2 robots per free cell, 1 below 0.4, "
            + "4 from there (chosen on LoRR 2023 random-32-32-20, no held-out set; on the city map 4 beat its 0). "
            + "With --lns-ms or --lookahead 0; default 0.")
    String lanes;

    @Option(names = "--no-baseline", description = "Skip the baseline run (for scale runs).")
    boolean noBaseline;

    @Option(names = "--report", description = "Also write the JSON report to this file.")
    Path report;

    @Override
    public Integer call() throws IOException {
        if (lookahead < 0) {
            throw new IllegalArgumentException("--lookahead must be >= 0 but was " + lookahead);
        }
        if (lnsMillis < 0 || lnsWindow < 1 || lnsGroup < 1) {
            throw new IllegalArgumentException("--lns-ms must be >= 0 and --lns-window, --lns-group >= 1 but were "
                    + lnsMillis + ", " + lnsWindow + " and " + lnsGroup);
        }
        if (alternatives < 1) {
            throw new IllegalArgumentException("--alternatives must be >= 1 but was " + alternatives);
        }
        // The unguided planner has no lookahead, and without a lookahead there are no alternatives to try.
        ParseResult given = spec.commandLine().getParseResult();
        if (unguided && (given.hasMatchedOption("--lookahead") || given.hasMatchedOption("--alternatives"))) {
            throw new IllegalArgumentException("--unguided plans without lookahead; drop --lookahead and --alternatives");
        }
        if (lookahead == 0 && given.hasMatchedOption("--alternatives")) {
            throw new IllegalArgumentException("--alternatives needs --lookahead > 0");
        }
        boolean lanesAuto = "auto".equals(lanes);
        int lanePenalty = lanes == null || lanesAuto ? 0 : parseLanes(lanes);
        if ((lanesAuto || lanePenalty > 0) && (unguided || (lnsMillis == 0 && lookahead > 0))) {
            throw new IllegalArgumentException("--lanes guides PIBT with --lns-ms or --lookahead 0; drop --unguided");
        }
        LorrProblem problem;
        ActionModel actionModel;
        if (source.problem != null) {
            problem = new LorrProblemReader().read(source.problem);
            if (robots != null) {
                if (robots < 1 || robots > problem.teamSize()) {
                    System.err.println("--robots must be in [1, " + problem.teamSize() + "] for this problem");
                    return 2;
                }
                problem = problem.withStarts(Arrays.copyOf(problem.starts(), robots));
            }
            actionModel = ActionModel.ROTATION;
        } else {
            if (robots == null) {
                System.err.println("--robots is required with --map");
                return 2;
            }
            problem = SyntheticProblems.random(new MovingAiMapReader().read(source.map), robots, seed);
            actionModel = ActionModel.FOUR_CONNECTED;
        }
        if (model != null) {
            actionModel = parseModel(model);
            if (actionModel == null) {
                return 2;
            }
        }
        if (lanesAuto) {
            lanePenalty = LaneDistanceOracle.penaltyFor(problem.teamSize(), problem.map().passableCount());
        }
        DelayConfig delayConfig = delays ? problem.delays().orElse(DelayConfig.lorr2026(seed)) : null;
        RunSettings settings = new RunSettings(actionModel, ticks, delayConfig, breakdowns, seed, budgetMillis, 3);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("problem", problem.name());
        out.put("robots", problem.teamSize());
        out.put("ticks", ticks);
        out.put("action_model", actionModel.name().toLowerCase());
        out.put("delays", delays);
        out.put("breakdowns", breakdowns);
        out.put("budget_ms", budgetMillis);
        out.put("lanes", lanePenalty);
        out.put("lanes_auto", lanesAuto);
        PlannerFactory fleetPlanner = unguided ? Planners.unguidedPriorityInheritance()
                : lnsMillis > 0 ? Planners.windowedLns(lnsWindow, lnsMillis, lnsGroup, lanePenalty)
                : lookahead > 0 ? Planners.lookahead(lookahead, alternatives) : Planners.priorityInheritance(lanePenalty);
        String plannerName = unguided ? "pibt" : lnsMillis > 0 ? "guided-pibt-lns"
                : lookahead > 0 ? "guided-pibt-lookahead" : "guided-pibt";
        RunReport main = WarehouseRun.run(plannerName, problem, fleetPlanner, settings);
        put(out, "", main);
        if (delays) {
            RunReport undelayed = WarehouseRun.run(plannerName, problem, fleetPlanner, settings.withDelays(null));
            out.put("tasks_finished_without_delays", undelayed.tasksFinished());
            out.put("errands_finished_without_delays", undelayed.errandsFinished());
            out.put("delay_throughput_loss", 1.0 - ratio(main.errandsFinished(), undelayed.errandsFinished()));
        }
        long violations = main.collisions() + main.invalidActions();
        if (!noBaseline) {
            RunReport baseline = WarehouseRun.run("prioritized-astar", problem, Planners.prioritizedAStar(), settings);
            put(out, "baseline_", baseline);
            out.put("errands_ratio_vs_baseline", ratio(main.errandsFinished(), baseline.errandsFinished()));
            violations += baseline.collisions() + baseline.invalidActions();
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String text = json.writeValueAsString(out);
        System.out.println(text);
        if (report != null) {
            Files.writeString(report, text + System.lineSeparator());
        }
        return violations == 0 ? 0 : 1;
    }

    /** The action model named on the command line, or null after printing why the name is wrong. */
    static ActionModel parseModel(String name) {
        return switch (name) {
            case "rotation" -> ActionModel.ROTATION;
            case "four-connected" -> ActionModel.FOUR_CONNECTED;
            default -> {
                System.err.println("--model must be rotation or four-connected but was " + name);
                yield null;
            }
        };
    }

    /** A --lanes penalty other than auto. */
    private static int parseLanes(String value) {
        if (!value.matches("\\d{1,6}")) {
            throw new IllegalArgumentException("--lanes must be auto or an integer >= 0 but was " + value);
        }
        return Integer.parseInt(value);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    private static void put(Map<String, Object> out, String prefix, RunReport run) {
        out.put(prefix + "planner", run.planner());
        out.put(prefix + "tasks_finished", run.tasksFinished());
        out.put(prefix + "errands_finished", run.errandsFinished());
        out.put(prefix + "throughput_per_step", run.throughputPerStep());
        out.put(prefix + "collisions", run.collisions());
        out.put(prefix + "invalid_actions", run.invalidActions());
        out.put(prefix + "plan_ms_p50", run.planMsP50());
        out.put(prefix + "plan_ms_p99", run.planMsP99());
        out.put(prefix + "plan_ms_max", run.planMsMax());
        out.put(prefix + "tick_ms_p99", run.tickMsP99());
        out.put(prefix + "tick_ms_max", run.tickMsMax());
        out.put(prefix + "plan_cpu_ms_p50", run.planCpuMsP50());
        out.put(prefix + "plan_cpu_ms_p99", run.planCpuMsP99());
        out.put(prefix + "plan_cpu_ms_max", run.planCpuMsMax());
        out.put(prefix + "budget_exhausted_steps", run.budgetExhaustedSteps());
        out.put(prefix + "preprocess_ms", run.preprocessMs());
        out.put(prefix + "delay_events", run.delayEvents());
        out.put(prefix + "faulted_robots", run.faulted());
        if (run.firstViolation() != null) {
            out.put(prefix + "first_violation", run.firstViolation());
        }
    }
}
