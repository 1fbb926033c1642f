package io.aisle.simulations.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "shoppers", mixinStandardHelpOptions = true, description = "Write a simulated shopper interaction log.")
final class SimulateShoppersCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return NotBuiltYet.report("shoppers", 3);
    }
}
