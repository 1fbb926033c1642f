package io.aisle.simulations.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "warehouse", mixinStandardHelpOptions = true, description = "Run the fleet planner on a warehouse problem against a baseline.")
final class BenchWarehouseCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return NotBuiltYet.report("warehouse", 7);
    }
}
