package io.aisle.serving.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./aisle serve}: the server alone, configured by application.yml and the environment. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the server. AISLE_REDIS_URL and AISLE_KAFKA_BOOTSTRAP switch on Redis and Kafka.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (default: AISLE_PORT or 8080; 0 picks a free one).")
    Integer port;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new HashMap<>();
        if (port != null) {
            ServingCli.checkPort(port);
            overrides.put("server.port", port);
        }
        return ServerRunner.runUntilStopped(overrides, context ->
                System.out.println("aisle: serving on http://127.0.0.1:" + ServerRunner.port(context)));
    }
}
