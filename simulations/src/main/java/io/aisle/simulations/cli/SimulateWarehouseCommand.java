package io.aisle.simulations.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "warehouse", mixinStandardHelpOptions = true, description = "Simulate a robot warehouse.")
final class SimulateWarehouseCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return NotBuiltYet.report("warehouse", 7);
    }
}
