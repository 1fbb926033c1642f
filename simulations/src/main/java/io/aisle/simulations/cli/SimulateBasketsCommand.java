package io.aisle.simulations.cli;

import io.aisle.simulations.shoppers.BasketFileGenerator;
import io.aisle.simulations.shoppers.BasketSimulation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./aisle simulate baskets}: a synthetic basket file for training also-bought at catalogue scale. */
@Command(name = "baskets", mixinStandardHelpOptions = true,
        description = "Write simulated baskets, one per line as comma-separated item ids, with long-tail popularity"
                + " and item clusters.")
final class SimulateBasketsCommand implements Callable<Integer> {

    @Option(names = "--items", defaultValue = "100000", description = "Catalogue size (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--baskets", defaultValue = "1000000", description = "Baskets (default: ${DEFAULT-VALUE}).")
    long baskets;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output file.")
    Path out;

    @Override
    public Integer call() throws IOException {
        BasketSimulation simulation = BasketSimulation.defaults(items, baskets, seed);
        long started = System.nanoTime();
        long written = GeneratedFile.write(out, new BasketFileGenerator(simulation)::write);
        System.out.printf("wrote %d baskets (%d items in all) over %d items in %d clusters to %s (%.1f s)%n",
                baskets, written, items, simulation.clusters(), out, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
