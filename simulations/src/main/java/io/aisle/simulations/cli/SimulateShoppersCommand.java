package io.aisle.simulations.cli;

import io.aisle.simulations.shoppers.ShopperEventLogGenerator;
import io.aisle.simulations.shoppers.ShopperLogGenerator;
import io.aisle.simulations.shoppers.ShopperSimulation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./aisle simulate shoppers}: a synthetic purchase log for training and evaluating for-you. */
@Command(name = "shoppers", mixinStandardHelpOptions = true,
        description = "Write a simulated shopper log: purchases as user,item,order,timestamp,category (header-less CSV),"
                + " or views, carts and purchases as the server's interaction log.")
final class SimulateShoppersCommand implements Callable<Integer> {

    @Option(names = "--users", defaultValue = "20000", description = "Shoppers (default: ${DEFAULT-VALUE}; about 41 purchases each).")
    int users;

    @Option(names = "--items", defaultValue = "5000", description = "Catalogue size (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Output output;

    static final class Output {
        @Option(names = "--out", description = "Output file: the purchases as header-less CSV.")
        Path out;

        @Option(names = "--events-log", description = "Output folder: views, carts and purchases as the server's"
                + " interaction log (dt=YYYY-MM-DD/*.jsonl), which train --events-log reads.")
        Path eventsLog;
    }

    @Option(names = "--tenant", defaultValue = "demo", description = "Tenant of the events of --events-log (default: ${DEFAULT-VALUE}).")
    String tenant;

    @Override
    public Integer call() throws IOException {
        ShopperSimulation simulation = ShopperSimulation.defaults(users, items, seed);
        long started = System.nanoTime();
        if (output.eventsLog != null) {
            ShopperEventLogGenerator.Written written = new ShopperEventLogGenerator(simulation,
                    ShopperEventLogGenerator.Browsing.defaults(), tenant).write(output.eventsLog);
            System.out.printf("wrote %d views, %d carts and %d purchases of %d shoppers over %d items to %s (%.1f s)%n",
                    written.views(), written.carts(), written.purchases(), users, items, output.eventsLog,
                    (System.nanoTime() - started) / 1e9);
            return 0;
        }
        Path out = output.out;
        long lines = GeneratedFile.write(out, new ShopperLogGenerator(simulation)::write);
        System.out.printf("wrote %d interactions of %d shoppers over %d items in %d categories to %s (%.1f s)%n",
                lines, users, items, simulation.categories(), out, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
