package io.aisle.simulations.loadtest;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./aisle bench serving}: a synthetic tenant in a temporary {@code AISLE_HOME}, the server (and
 * with Redis mode a private {@code redis-server}) as child processes on loopback, then signed load:
 * a mixed warm-up, each endpoint (bare ping, also-bought, for-you) closed loop alone in alternating
 * 5 s turns, and an open-loop also-bought phase at half of its closed-loop rate. Every process it started is stopped
 * by its handle at the end, also on failure.
 */
public final class ServingBenchmark {

    static final String PING = "ping";
    public static final String ALSO_BOUGHT = "also-bought";
    public static final String FOR_YOU = "for-you";
    private static final int K = ServingUnderTest.K;
    /** Length of one closed-loop turn of an endpoint; see {@link LoadGenerator#alternating}. */
    private static final Duration SLICE = Duration.ofSeconds(5);

    /**
     * @param duration length of each measured phase
     * @param warmup mixed traffic before measuring; zero skips it
     * @param serverHeap the server JVM's {@code -Xmx}, for example {@code 4g}
     * @param servingJar the serving jar; empty: found beside this module's build output
     * @param pinned the load generator on CPU 0, the server and redis-server on CPU 1 ({@code taskset})
     */
    public record Settings(Duration duration, Duration warmup, int connections, int items, boolean redis, long seed,
                           String serverHeap, Optional<Path> servingJar, boolean pinned) {

        public Settings {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be > 0 but was " + duration);
            }
            if (warmup.isNegative()) {
                throw new IllegalArgumentException("warmup must be >= 0 but was " + warmup);
            }
            if (connections < 1) {
                throw new IllegalArgumentException("connections must be >= 1 but was " + connections);
            }
            if (items < 100) {
                throw new IllegalArgumentException("items must be >= 100 but was " + items);
            }
        }

        /** The server these settings start. */
        public ServingUnderTest.Settings server() {
            return new ServingUnderTest.Settings(items, redis, seed, serverHeap, servingJar, pinned);
        }
    }

    private ServingBenchmark() {
    }

    /** Prepares everything, measures, stops what it started and deletes the temporary home. */
    public static ServingBenchReport run(Settings settings, PrintStream progress) throws IOException, InterruptedException {
        try (ServingUnderTest server = ServingUnderTest.start(settings.server(), progress)) {
            SyntheticModels.Shape shape = server.shape();
            SyntheticModels.Published models = server.models();
            ServingBenchReport.Setup setup = new ServingBenchReport.Setup(
                    (settings.redis() ? "redis" : "embedded") + (settings.pinned() ? ", pinned" : ""),
                    settings.connections(), settings.warmup().toMillis() / 1e3, settings.duration().toMillis() / 1e3,
                    shape.items(), shape.neighbours(), shape.factors(), shape.users(),
                    models.rankerVersion().isPresent() ? models.rankerNote() : "none: " + models.rankerNote(),
                    "synthetic: seeded random neighbour lists and FM factors in the registry formats, not trained by Spark",
                    Runtime.getRuntime().availableProcessors(), -1, -1);
            LoadGenerator generator = new LoadGenerator(server.base(), server.signer(), settings.connections(), settings.seed());
            ServingBenchReport report = measure(generator, models.itemIds(), models.userIds(), settings.warmup(),
                    settings.duration(), setup, progress);
            server.finish();
            return report;
        }
    }

    /** The three endpoints with queries drawn uniformly from the given ids. */
    public static List<LoadGenerator.Endpoint> endpoints(List<String> itemIds, List<String> userIds) {
        return List.of(
                new LoadGenerator.Endpoint(PING, "/v1/ping", random -> null),
                new LoadGenerator.Endpoint(ALSO_BOUGHT, "/v1/recommendations/also-bought",
                        random -> "item=" + itemIds.get(random.nextInt(itemIds.size())) + "&k=" + K),
                new LoadGenerator.Endpoint(FOR_YOU, "/v1/recommendations/for-you",
                        random -> "user=" + userIds.get(random.nextInt(userIds.size())) + "&k=" + K));
    }

    /**
     * Warm-up, the endpoints closed loop in alternating turns ({@code phase} each in total), then
     * also-bought open loop at half its closed-loop rate for {@code phase}; works against any server
     * that answers the three routes.
     */
    static ServingBenchReport measure(LoadGenerator generator, List<String> itemIds, List<String> userIds, Duration warmup,
                                      Duration phase, ServingBenchReport.Setup setup, PrintStream progress) {
        List<LoadGenerator.Endpoint> endpoints = endpoints(itemIds, userIds);
        if (!warmup.isZero()) {
            progress.printf("warming up for %d s with mixed traffic...%n", warmup.toSeconds());
            generator.closedLoop(endpoints, warmup);
        }
        double loadBefore = loadAverage();
        Duration slice = phase.compareTo(SLICE) < 0 ? phase : SLICE;
        progress.printf("measuring ping, also-bought and for-you alone, in turns of %d s, %d s each...%n",
                slice.toSeconds(), phase.toSeconds());
        Map<String, LatencySummary> measured = generator.alternating(endpoints, phase, slice);
        double bare = measured.get(PING).requestsPerSecond();
        List<ServingBenchReport.EndpointResult> results = new ArrayList<>();
        for (LoadGenerator.Endpoint endpoint : endpoints) {
            LatencySummary latency = measured.get(endpoint.name());
            results.add(new ServingBenchReport.EndpointResult(endpoint.name(), endpoint.path(), latency,
                    latency.requestsPerSecond() / bare));
        }
        ServingBenchReport.EndpointResult alsoBought = find(results, ALSO_BOUGHT);
        ServingBenchReport.EndpointResult forYou = find(results, FOR_YOU);
        ServingBenchReport.HalfRate halfRate = null;
        double halfRateP99 = Double.NaN;
        double target = alsoBought.latency().requestsPerSecond() / 2;
        if (target > 0) {
            progress.printf("measuring also-bought at %.0f rps (half its closed-loop rate) for %d s...%n", target, phase.toSeconds());
            LatencySummary paced = generator.openLoop(endpoints.get(1), target, phase);
            halfRate = new ServingBenchReport.HalfRate(target, paced);
            halfRateP99 = paced.p99Millis();
        }
        double loadAfter = loadAverage();
        boolean redis = setup.mode().startsWith("redis");
        ServingBenchReport.Goals goals = ServingBenchReport.Goals.of(redis, alsoBought.ratioToBare(), halfRateP99, forYou.ratioToBare());
        List<String> notes = new ArrayList<>();
        notes.add("the load generator, the server" + (redis ? ", redis-server" : "")
                + " and any other work on this machine share its " + setup.cores() + " cores: compare the ratios, not the absolute rps");
        notes.add("every request is signed (the bare ping too), so the client cost per request is the same for each endpoint");
        return new ServingBenchReport(setup.withLoadAverages(loadBefore, loadAfter), results, halfRate, goals, notes);
    }

    private static ServingBenchReport.EndpointResult find(List<ServingBenchReport.EndpointResult> results, String name) {
        return results.stream().filter(r -> r.endpoint().equals(name)).findFirst().orElseThrow();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
