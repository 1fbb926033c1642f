package io.aisle.simulations.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aisle.robotics.map.MovingAiMapReader;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.problem.DelayConfig;
import io.aisle.simulations.warehouse.DispatchReport;
import io.aisle.simulations.warehouse.DispatchedWarehouse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./aisle simulate warehouse}: WMS orders, the dispatcher and simulated robots in one process; prints
 * lines picked per tick and the safety counters as JSON. Exit code 1 on any collision or invalid move.
 */
@Command(name = "warehouse", mixinStandardHelpOptions = true,
        description = "Simulate a robot warehouse: orders, dispatcher, robots with optional delays.")
final class SimulateWarehouseCommand implements Callable<Integer> {

    @Option(names = "--map", required = true, description = "MovingAI or LoRR map ('S' storage, 'E' stations).")
    Path map;

    @Option(names = "--robots", defaultValue = "50", description = "Fleet size (default ${DEFAULT-VALUE}).")
    int robots;

    @Option(names = "--ticks", defaultValue = "500", description = "Dispatcher ticks (default ${DEFAULT-VALUE}).")
    int ticks;

    @Option(names = "--orders-per-tick", defaultValue = "0.5", description = "Mean WMS orders per tick.")
    double ordersPerTick;

    @Option(names = "--model", defaultValue = "four-connected", description = "four-connected or rotation.")
    String model;

    @Option(names = "--delays", description = "Inject LoRR 2026 execution delays (2-8 steps, 0.3% per step).")
    boolean delays;

    @Option(names = "--close-cells", defaultValue = "0",
            description = "Aisle cells an operator closes, at random, for the middle half of the run (default 0).")
    int closeCells;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of layout, robots, orders and delays.")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (robots < 1) {
            throw new IllegalArgumentException("--robots must be >= 1 but was " + robots);
        }
        if (ticks < 1) {
            throw new IllegalArgumentException("--ticks must be >= 1 but was " + ticks);
        }
        if (!(ordersPerTick > 0) || Double.isInfinite(ordersPerTick)) {
            throw new IllegalArgumentException("--orders-per-tick must be > 0 but was " + ordersPerTick);
        }
        ActionModel actionModel = BenchWarehouseCommand.parseModel(model);
        if (actionModel == null) {
            return 2;
        }
        DispatchReport report = DispatchedWarehouse.run(new MovingAiMapReader().read(map), actionModel, robots,
                ticks, ordersPerTick, delays ? DelayConfig.lorr2026(seed) : null, closeCells, seed);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("robots", report.robots());
        out.put("ticks", report.ticks());
        out.put("orders_submitted", report.ordersSubmitted());
        out.put("lines_picked", report.linesPicked());
        out.put("orders_completed", report.ordersCompleted());
        out.put("lines_per_tick", report.linesPerTick());
        out.put("collisions", report.collisions());
        out.put("invalid_actions", report.invalidActions());
        out.put("refused_telemetry", report.refusedTelemetry());
        out.put("tick_ms_p50", report.tickMsP50());
        out.put("tick_ms_p99", report.tickMsP99());
        out.put("delay_events", report.delayEvents());
        out.put("cells_closed", report.cellsClosed());
        out.put("max_stuck_tasks", report.maxStuckTasks());
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        return report.collisions() + report.invalidActions() == 0 ? 0 : 1;
    }
}
