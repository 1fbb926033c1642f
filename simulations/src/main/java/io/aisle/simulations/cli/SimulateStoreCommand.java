package io.aisle.simulations.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "store", mixinStandardHelpOptions = true, description = "Simulate a checkout-free store session with ground truth.")
final class SimulateStoreCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return NotBuiltYet.report("store", 5);
    }
}
