package io.aisle.simulations.cli;

import io.aisle.simulations.live.LiveStore;
import io.aisle.simulations.store.StoreScenario;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./aisle simulate store-live}: a simulated store feeding a running server over signed HTTP. */
@Command(name = "store-live", mixinStandardHelpOptions = true,
        description = {"Stream a simulated checkout-free store to a running server and print its receipts.",
                "The key needs the roles admin (to register the layout) and store-device."})
final class SimulateStoreLiveCommand implements Callable<Integer> {

    @Option(names = "--server", defaultValue = "http://127.0.0.1:8080", description = "Server URL (default: ${DEFAULT-VALUE}).")
    URI server;

    @Option(names = "--key-id", defaultValue = "${env:AISLE_KEY_ID}", required = true, description = "Key id (default: AISLE_KEY_ID).")
    String keyId;

    @Option(names = "--secret", defaultValue = "${env:AISLE_KEY_SECRET}", required = true, description = "Key secret (default: AISLE_KEY_SECRET).")
    String secret;

    @Option(names = "--scenario", defaultValue = "standard", description = "standard, hard or crowd (default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--minutes", defaultValue = "2", description = "Minutes of shopper arrivals (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--speed", defaultValue = "4", description = "Multiple of real time (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        int receipts = new LiveStore(server, keyId, secret, System.out)
                .run(StoreScenario.named(scenario).withMinutes(minutes), seed, speed);
        System.out.println("live store done: " + receipts + " receipts");
        return 0;
    }
}
