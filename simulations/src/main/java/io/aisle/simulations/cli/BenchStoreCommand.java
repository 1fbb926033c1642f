package io.aisle.simulations.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "store", mixinStandardHelpOptions = true, description = "Simulate, fuse and score checkout-free store receipts.")
final class BenchStoreCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return NotBuiltYet.report("store", 5);
    }
}
