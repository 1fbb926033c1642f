package io.aisle.serving.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./aisle demo}: the main job on embedded defaults, with no Redis, Kafka or Spark cluster. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run Aisle on embedded defaults (in-memory state, in-process bus) and print where to look.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() {
        // The demo is embedded by definition: ignore any Redis or Kafka configured in the environment.
        Map<String, Object> overrides = Map.of(
                "server.port", port,
                "aisle.redis-url", "",
                "aisle.kafka-bootstrap", "");
        return ServerRunner.runUntilStopped(overrides, context -> {
            String base = "http://127.0.0.1:" + ServerRunner.port(context);
            System.out.println();
            System.out.println("Aisle demo is running on embedded defaults (no Redis, Kafka or Spark).");
            System.out.println("  health:   curl " + base + "/actuator/health");
            System.out.println("  ping:     curl " + base + "/v1/ping");
            System.out.println("  version:  curl " + base + "/v1/version");
            System.out.println("  metrics:  curl " + base + "/actuator/prometheus");
            System.out.println("Press Ctrl-C to stop.");
        });
    }
}
