package io.aisle.simulations.cli;

import io.aisle.simulations.shoppers.ShopperLogGenerator;
import io.aisle.simulations.shoppers.ShopperSimulation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./aisle simulate shoppers}: a synthetic purchase log for training and evaluating for-you. */
@Command(name = "shoppers", mixinStandardHelpOptions = true,
        description = "Write a simulated shopper log: user,item,order,timestamp,category (header-less CSV).")
final class SimulateShoppersCommand implements Callable<Integer> {

    @Option(names = "--users", defaultValue = "20000", description = "Shoppers (default: ${DEFAULT-VALUE}; about 41 purchases each).")
    int users;

    @Option(names = "--items", defaultValue = "5000", description = "Catalogue size (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output file.")
    Path out;

    @Override
    public Integer call() throws IOException {
        ShopperSimulation simulation = ShopperSimulation.defaults(users, items, seed);
        long started = System.nanoTime();
        long lines = GeneratedFile.write(out, new ShopperLogGenerator(simulation)::write);
        System.out.printf("wrote %d interactions of %d shoppers over %d items in %d categories to %s (%.1f s)%n",
                lines, users, items, simulation.categories(), out, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
