package io.aisle.serving.cli;

import io.aisle.client.RequestSigner;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantId;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./aisle demo}: the main job on embedded defaults, with no Redis, Kafka or Spark cluster.
 * The launcher prepares {@code .aisle/demo} (tenant {@code demo}, its key, models trained on a
 * simulated shopper log) and passes the key and an example user and item in the environment. Once the
 * server is up it prints where to look and a one-time console login ({@link ConsoleLogin}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run Aisle on embedded defaults (in-memory state, in-process bus) and print where to look.",
                "The first run simulates a shopper log and trains the demo tenant's models with Spark local[*];",
                "later runs reuse them (delete .aisle/demo to start afresh)."})
final class DemoCommand implements Callable<Integer> {

    private static final TenantId DEMO_TENANT = new TenantId("demo");

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() {
        ServingCli.checkPort(port);
        // The demo is embedded by definition: ignore any Redis or Kafka configured in the environment.
        Map<String, Object> overrides = Map.of(
                "server.port", port,
                "aisle.redis-url", "",
                "aisle.kafka-bootstrap", "");
        return ServerRunner.runUntilStopped(overrides, context -> printWhereToLook("http://127.0.0.1:" + ServerRunner.port(context),
                ConsoleLogin.issueForThisRun(context, DEMO_TENANT)));
    }

    private static void printWhereToLook(String base, Optional<IssuedKey> consoleLogin) {
        System.out.println();
        System.out.println("Aisle demo is running on embedded defaults (no Redis, Kafka or Spark cluster).");
        System.out.println("  health:   curl " + base + "/actuator/health");
        System.out.println("  version:  curl " + base + "/v1/version");
        System.out.println("  API:      " + base + "/swagger-ui.html  (OpenAPI at " + base + "/v3/api-docs)");
        System.out.println("  metrics:  curl " + base + "/actuator/prometheus");
        System.out.println("  console:  " + base + "/console/");
        String keyId = System.getenv("AISLE_KEY_ID");
        String secret = System.getenv("AISLE_KEY_SECRET");
        String item = System.getenv().getOrDefault("AISLE_DEMO_ITEM", "");
        String user = System.getenv().getOrDefault("AISLE_DEMO_USER", "");
        if (keyId != null && secret != null && !item.isEmpty()) {
            URI alsoBought = URI.create(base + "/v1/recommendations/also-bought?item=" + item + "&k=5");
            Map<String, String> headers = new RequestSigner(keyId, secret)
                    .sign("GET", alsoBought.getHost() + ":" + alsoBought.getPort(), alsoBought.getRawPath(),
                            alsoBought.getRawQuery(), new byte[0], Instant.now());
            System.out.println();
            System.out.println("A signed call for tenant 'demo' (valid once, for 5 minutes):");
            StringBuilder curl = new StringBuilder("  curl -sS");
            headers.forEach((name, value) -> curl.append(" -H '").append(name).append(": ").append(value).append('\''));
            System.out.println(curl.append(" '").append(alsoBought).append('\''));
            System.out.println("Sign more with the demo key (kept in .aisle/demo/demo.key; the demo prints one call per product at its end):");
            System.out.println("  set -a; . .aisle/demo/demo.key; set +a");
            System.out.println("  ./aisle sign '" + base + "/v1/recommendations/for-you?user=" + user + "&k=5' | sh");
        }
        consoleLogin.ifPresent(login -> {
            System.out.println();
            System.out.println("Console " + base + "/console/ - a one-time login for tenant 'demo' (a key for this run only,");
            System.out.println("revoked when the demo stops; roles " + login.key().roles().stream().sorted().map(Role::wireName)
                    .collect(Collectors.joining(", ")) + "):");
            System.out.println("  key id  " + login.key().keyId());
            System.out.println("  secret  " + login.secret());
        });
        System.out.println("Press Ctrl-C to stop.");
    }
}
