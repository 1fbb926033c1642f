package io.aisle.simulations.loadtest;

import io.aisle.client.RequestSigner;
import io.aisle.recommender.registry.ModelRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code ./aisle bench serving}: a synthetic tenant in a temporary {@code AISLE_HOME}, the server (and
 * with Redis mode a private {@code redis-server}) as child processes on loopback, then signed load:
 * a mixed warm-up, each endpoint (bare ping, also-bought, for-you) closed loop alone in alternating
 * 5 s turns, and an open-loop also-bought phase at half of its closed-loop rate. Every process it started is stopped
 * by its handle at the end, also on failure.
 */
public final class ServingBenchmark {

    static final String TENANT = "bench";
    static final String PING = "ping";
    public static final String ALSO_BOUGHT = "also-bought";
    public static final String FOR_YOU = "for-you";
    private static final int K = 10;
    /** Length of one closed-loop turn of an endpoint; see {@link LoadGenerator#alternating}. */
    private static final Duration SLICE = Duration.ofSeconds(5);
    private static final Duration SERVER_START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration MODEL_LOAD_TIMEOUT = Duration.ofMinutes(6);

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
    }

    private ServingBenchmark() {
    }

    /** Prepares everything, measures, stops what it started and deletes the temporary home. */
    public static ServingBenchReport run(Settings settings, PrintStream progress) throws IOException, InterruptedException {
        ServingInstallation installation = ServingInstallation.locate(settings.servingJar()).orElseThrow(() ->
                new IllegalStateException("serving/target/aisle-serving.jar is not built; run mvn -Dmaven.test.skip=true package"));
        Path home = Files.createTempDirectory("aisle-bench-");
        List<ChildProcess> started = new ArrayList<>();
        boolean finished = false;
        try {
            Optional<String> redisUrl = Optional.empty();
            if (settings.redis()) {
                int redisPort = ServingInstallation.freeLoopbackPort();
                started.add(LocalRedis.start(redisPort, home.resolve("redis.log"), Duration.ofSeconds(20)));
                redisUrl = Optional.of("redis://127.0.0.1:" + redisPort);
                progress.println("redis-server on 127.0.0.1:" + redisPort + " (pid " + started.get(0).pid() + ")");
            }
            Map<String, String> environment = ServingInstallation.environment(home, redisUrl);
            ServingInstallation.TenantKey key = installation.createKey(home, TENANT, "storefront", environment);

            SyntheticModels.Shape shape = SyntheticModels.Shape.forCatalogue(settings.items(), settings.seed());
            progress.printf("writing synthetic models: %,d items x %d neighbours, FM with %d factors over %,d users...%n",
                    shape.items(), shape.neighbours(), shape.factors(), shape.users());
            long writeStart = System.nanoTime();
            SyntheticModels.Published models = SyntheticModels.publish(new ModelRegistry(home.resolve("registry"), Clock.systemUTC()),
                    TENANT, shape);
            progress.printf("models written in %.1f s; %s%n", (System.nanoTime() - writeStart) / 1e9, models.rankerNote());

            int port = ServingInstallation.freeLoopbackPort();
            ChildProcess server = installation.startServer(port, settings.serverHeap(), environment, home.resolve("server.log"));
            started.add(server);
            URI base = URI.create("http://127.0.0.1:" + port);
            progress.println("server on " + base + " (pid " + server.pid() + "), waiting for health and models...");
            ServingInstallation.awaitHealthy(server, base, SERVER_START_TIMEOUT);
            if (settings.pinned()) {
                for (ChildProcess child : started) {
                    pin(child.pid(), "1");
                }
                pin(ProcessHandle.current().pid(), "0");
                progress.println("pinned: the load generator on CPU 0, " + (settings.redis() ? "the server and redis-server" : "the server")
                        + " on CPU 1");
            }
            RequestSigner signer = new RequestSigner(key.keyId(), key.secret());
            awaitModels(server, base, signer, models);

            ServingBenchReport.Setup setup = new ServingBenchReport.Setup(
                    (settings.redis() ? "redis" : "embedded") + (settings.pinned() ? ", pinned" : ""),
                    settings.connections(), settings.warmup().toMillis() / 1e3, settings.duration().toMillis() / 1e3,
                    shape.items(), shape.neighbours(), shape.factors(), shape.users(),
                    models.rankerVersion().isPresent() ? models.rankerNote() : "none: " + models.rankerNote(),
                    "synthetic: seeded random neighbour lists and FM factors in the registry formats, not trained by Spark",
                    Runtime.getRuntime().availableProcessors(), -1, -1);
            LoadGenerator generator = new LoadGenerator(base, signer, settings.connections(), settings.seed());
            ServingBenchReport report = measure(generator, models.itemIds(), models.userIds(), settings.warmup(),
                    settings.duration(), setup, progress);
            finished = true;
            return report;
        } finally {
            // Reverse order: the server before the Redis it uses.
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            // The models are hundreds of MB; the logs are kept when something failed, to see why.
            deleteRecursively(finished ? home : home.resolve("registry"));
            if (!finished) {
                progress.println("logs kept in " + home);
            }
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

    /**
     * Waits until both recommendation routes answer 200 from the published versions (and for-you names
     * the ranker when there is one): the server checks the registry every 2 s and loads in the background.
     */
    /** Binds every thread of a process, and the threads it starts later, to the given CPUs. */
    private static void pin(long pid, String cpus) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (taskset.waitFor() != 0) {
            throw new IllegalStateException("taskset could not pin process " + pid + " to CPU " + cpus);
        }
    }

    private static void awaitModels(ChildProcess server, URI base, RequestSigner signer, SyntheticModels.Published models)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        String alsoBoughtQuery = "item=" + models.itemIds().get(0) + "&k=" + K;
        String forYouQuery = "user=" + models.userIds().get(0) + "&k=" + K;
        long deadline = System.nanoTime() + MODEL_LOAD_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited while loading models; see " + server.log());
            }
            try {
                String alsoBought = signedGet(client, base, signer, "/v1/recommendations/also-bought", alsoBoughtQuery);
                String forYou = signedGet(client, base, signer, "/v1/recommendations/for-you", forYouQuery);
                last = alsoBought + " / " + forYou;
                boolean rankerServed = models.rankerVersion().map(v -> forYou.contains("ranker:" + v)).orElse(true);
                if (alsoBought.contains("\"modelVersion\":\"" + models.alsoBoughtVersion())
                        && forYou.contains("\"modelVersion\":\"" + models.forYouVersion()) && rankerServed) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the models were not served within " + MODEL_LOAD_TIMEOUT.toMinutes()
                + " min; last answer: " + last + "; see " + server.log());
    }

    private static String signedGet(HttpClient client, URI base, RequestSigner signer, String path, String query)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path + "?" + query)).timeout(Duration.ofSeconds(30));
        signer.sign("GET", base.getHost() + ":" + base.getPort(), path, query, new byte[0], Instant.now()).forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(Objects.requireNonNull(folder, "folder"))) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("aisle: could not delete " + folder + ": " + e.getMessage());
        }
    }
}
