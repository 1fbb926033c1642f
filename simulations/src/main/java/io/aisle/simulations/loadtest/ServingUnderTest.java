package io.aisle.simulations.loadtest;

import io.aisle.client.RequestSigner;
import io.aisle.recommender.registry.ModelRegistry;
import java.io.IOException;
import java.io.PrintStream;
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
 * The server a serving benchmark drives: a synthetic tenant with published models in a temporary
 * {@code AISLE_HOME}, the server (and in Redis mode a private {@code redis-server}) as child processes on
 * loopback, healthy and serving the published versions. {@link #close} stops every process it started,
 * by its handle, and deletes the home; a home whose benchmark did not {@link #finish} keeps its logs.
 */
public final class ServingUnderTest implements AutoCloseable {

    static final String TENANT = "bench";
    static final int K = 10;
    private static final Duration SERVER_START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration MODEL_LOAD_TIMEOUT = Duration.ofMinutes(6);

    /**
     * @param items catalogue size of the synthetic tenant, {@code >= 100}
     * @param serverHeap the server JVM's {@code -Xmx}, for example {@code 4g}
     * @param servingJar the serving jar; empty: found beside this module's build output
     * @param pinned the load generator on CPU 0, the server and redis-server on CPU 1 ({@code taskset})
     */
    public record Settings(int items, boolean redis, long seed, String serverHeap, Optional<Path> servingJar, boolean pinned) {

        public Settings {
            if (items < 100) {
                throw new IllegalArgumentException("items must be >= 100 but was " + items);
            }
            Objects.requireNonNull(serverHeap, "serverHeap");
            Objects.requireNonNull(servingJar, "servingJar");
        }
    }

    private final Path home;
    private final List<ChildProcess> started;
    private final URI base;
    private final RequestSigner signer;
    private final SyntheticModels.Shape shape;
    private final SyntheticModels.Published models;
    private final PrintStream progress;
    private boolean finished;

    private ServingUnderTest(Path home, List<ChildProcess> started, URI base, RequestSigner signer, SyntheticModels.Shape shape,
                             SyntheticModels.Published models, PrintStream progress) {
        this.progress = progress;
        this.home = home;
        this.started = started;
        this.base = base;
        this.signer = signer;
        this.shape = shape;
        this.models = models;
    }

    /** Prepares the tenant and its models, starts the processes and waits until the models are served. */
    public static ServingUnderTest start(Settings settings, PrintStream progress) throws IOException, InterruptedException {
        ServingInstallation installation = ServingInstallation.locate(settings.servingJar()).orElseThrow(() ->
                new IllegalStateException("serving/target/aisle-serving.jar is not built; run mvn -Dmaven.test.skip=true package"));
        Path home = Files.createTempDirectory("aisle-bench-");
        List<ChildProcess> started = new ArrayList<>();
        boolean up = false;
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
            // The collector `./aisle serve` runs the server with: G1's pauses were the server's latency tail.
            ChildProcess server = installation.startServer(port, settings.serverHeap(), List.of("-XX:+UseZGC"), environment,
                    home.resolve("server.log"));
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
            up = true;
            return new ServingUnderTest(home, started, base, signer, shape, models, progress);
        } finally {
            if (!up) {
                stop(started);
                deleteRecursively(home.resolve("registry"));
                progress.println("logs kept in " + home);
            }
        }
    }

    /** Scheme, host and port of the server, for example {@code http://127.0.0.1:8080}. */
    public URI base() {
        return base;
    }

    /** Signs as the tenant's storefront key. */
    public RequestSigner signer() {
        return signer;
    }

    public SyntheticModels.Shape shape() {
        return shape;
    }

    public SyntheticModels.Published models() {
        return models;
    }

    /** The benchmark ran to its end: {@link #close} deletes the logs too. */
    public void finish() {
        finished = true;
    }

    @Override
    public void close() {
        stop(started);
        // The models are hundreds of MB; the logs are kept when something failed, to see why.
        deleteRecursively(finished ? home : home.resolve("registry"));
        if (!finished) {
            progress.println("logs kept in " + home);
        }
    }

    /** Reverse order: the server before the Redis it uses. */
    private static void stop(List<ChildProcess> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    /** Binds every thread of a process, and the threads it starts later, to the given CPUs. */
    private static void pin(long pid, String cpus) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (taskset.waitFor() != 0) {
            throw new IllegalStateException("taskset could not pin process " + pid + " to CPU " + cpus);
        }
    }

    /**
     * Waits until both recommendation routes answer 200 from the published versions (and for-you names
     * the ranker when there is one): the server checks the registry every 2 s and loads in the background.
     */
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
