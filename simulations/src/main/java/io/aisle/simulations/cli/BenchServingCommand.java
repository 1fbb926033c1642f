package io.aisle.simulations.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "serving", mixinStandardHelpOptions = true, description = "Load-test the serving endpoints against a bare endpoint.")
final class BenchServingCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return NotBuiltYet.report("serving", 4);
    }
}
