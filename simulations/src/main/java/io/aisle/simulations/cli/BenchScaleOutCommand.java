package io.aisle.simulations.cli;

import io.aisle.simulations.scaleout.ScaleOutBed;
import io.aisle.simulations.scaleout.StorefrontKillRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./aisle bench scale-out}: the scale-out bed (replicas sharing one home, a redis-server and a Kafka broker,
 * HAProxy in front, all separate processes on loopback), then signed storefront load through HAProxy while one
 * replica is killed with SIGKILL, then another, then both are restarted. Prints requests, the failures the client
 * saw and the latency; exit code 1 when any request failed. {@code --hold} starts the bed and keeps it running.
 */
@Command(name = "scale-out", mixinStandardHelpOptions = true,
        description = {"Kill replicas behind HAProxy under storefront load; or, with --hold, start the bed and keep it running.",
                "Needs the built serving and testing jars, /usr/sbin/haproxy and /usr/bin/redis-server."})
final class BenchScaleOutCommand implements Callable<Integer> {

    @Option(names = "--duration", defaultValue = "120s", description = "Length of the storefront load (default ${DEFAULT-VALUE}); "
            + "replica 0 is killed at 1/6 of it, replica 1 at 1/3, restarted at 5/12 and 7/12.")
    String duration;

    @Option(names = "--connections", defaultValue = "8", description = "Concurrent client connections (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--replicas", defaultValue = "3", description = "Server replicas behind HAProxy, >= 2 (default ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--server-heap", defaultValue = "640m", description = "Each replica's -Xmx (default ${DEFAULT-VALUE}).")
    String serverHeap;

    @Option(names = "--items", defaultValue = "20000", description = "Catalogue size of the synthetic tenant (default ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the models and the request mix (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--serving-jar", description = "The serving jar (default: serving/target/aisle-serving.jar of this checkout).")
    Path servingJar;

    @Option(names = "--hold", description = "Start the bed, print its URL and a key, and keep it running until interrupted (Ctrl-C).")
    boolean hold;

    @Override
    public Integer call() throws Exception {
        Duration load = BenchServingCommand.parse("--duration", duration);
        if (connections < 1) {
            throw new IllegalArgumentException("--connections must be >= 1 but was " + connections);
        }
        if (!hold && replicas < 2) {
            throw new IllegalArgumentException("--replicas must be >= 2 to kill two of them but was " + replicas);
        }
        if (!hold && load.compareTo(Duration.ofSeconds(12)) < 0) {
            throw new IllegalArgumentException("--duration must be >= 12s to fit the kills and restarts but was " + duration);
        }
        ScaleOutBed.Settings settings = new ScaleOutBed.Settings(replicas, serverHeap, items, seed, Optional.ofNullable(servingJar));
        List<String> missing = ScaleOutBed.missing(settings.servingJar());
        if (!missing.isEmpty()) {
            System.err.println("aisle: the scale-out bed needs " + String.join(", ", missing));
            return 1;
        }
        try (ScaleOutBed bed = ScaleOutBed.start(settings, Path.of(System.getProperty("java.io.tmpdir")), System.err)) {
            if (hold) {
                return hold(bed);
            }
            StorefrontKillRun.Result result = StorefrontKillRun.run(bed, connections, load,
                    StorefrontKillRun.killTwoThenRestart(load), seed, System.err);
            System.err.println("waiting for every replica to be back in rotation...");
            bed.awaitInRotation(replicas, Duration.ofMinutes(3));
            System.out.printf("storefront through HAProxy, %d replicas, %d connections, %.0f s:%n", replicas, connections, result.seconds());
            result.timeline().forEach(line -> System.out.println("  " + line));
            System.out.printf("  requests %,d (%.0f rps), failed %d, p99 %.1f ms, max %.1f ms%n", result.requests(),
                    result.requests() / result.seconds(), result.failed(), result.p99Millis(), result.maxMillis());
            if (result.firstFailure() != null) {
                System.out.println("  first failure: " + result.firstFailure());
            }
            System.out.println("  logs in " + bed.home());
            return result.failed() == 0 ? 0 : 1;
        }
    }

    private static int hold(ScaleOutBed bed) throws InterruptedException {
        System.out.println("URL:        " + bed.base());
        System.out.println("tenant:     " + ScaleOutBed.TENANT + " (roles " + ScaleOutBed.ROLES + ")");
        System.out.println("key id:     " + bed.key().keyId());
        System.out.println("secret:     " + bed.key().secret());
        System.out.println("an item:    " + bed.models().itemIds().get(0) + "   a user: " + bed.models().userIds().get(0));
        System.out.println("Redis:      " + bed.redisUrl() + "   Kafka: " + bed.kafkaBootstrap());
        System.out.println("home, logs: " + bed.home());
        System.out.println("try:        AISLE_KEY_ID=" + bed.key().keyId() + " AISLE_KEY_SECRET=" + bed.key().secret() + " ./aisle sign '"
                + bed.base() + "/v1/recommendations/also-bought?item=" + bed.models().itemIds().get(0) + "&k=5' | sh");
        System.out.println("running until interrupted (Ctrl-C)");
        System.out.flush();
        Thread.currentThread().join();
        return 0;
    }
}
