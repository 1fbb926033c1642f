package io.aisle.simulations.cli;

import io.aisle.simulations.shoppers.ShopperLogGenerator;
import io.aisle.simulations.shoppers.ShopperSimulation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        long started = System.nanoTime();
        long lines;
        try (Writer writer = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            lines = new ShopperLogGenerator(simulation).write(writer);
        }
        System.out.printf("wrote %d interactions of %d shoppers over %d items in %d categories to %s (%.1f s)%n",
                lines, users, items, simulation.categories(), out, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
