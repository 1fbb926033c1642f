package io.aisle.simulations.scaleout;

import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.simulations.loadtest.ChildProcess;
import io.aisle.simulations.loadtest.LocalRedis;
import io.aisle.simulations.loadtest.ServingInstallation;
import io.aisle.simulations.loadtest.SyntheticModels;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replicas of the built server sharing one home, one {@code redis-server} and one Kafka broker, behind HAProxy: every
 * one a separate process on 127.0.0.1. The tenant {@value #TENANT} has synthetic models (seeded) and one key with
 * every role. {@link #kill} ends a replica with SIGKILL, {@link #restart} starts it again on its port;
 * {@link #close()} stops exactly the processes the bed started, by their handles, HAProxy and the replicas first.
 *
 * <p>Not thread-safe: one thread drives the bed (the load runs on others, through HAProxy).
 */
public final class ScaleOutBed implements AutoCloseable {

    public static final String TENANT = "bed";
    public static final String ROLES = "storefront,admin,store-device,wms";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /**
     * @param replicas server replicas, {@code >= 2}
     * @param serverHeap each replica's {@code -Xmx}, for example {@code 640m}
     * @param items catalogue size of the synthetic models, {@code >= 100}
     * @param servingJar the serving jar; empty: found beside this module's build output
     */
    public record Settings(int replicas, String serverHeap, int items, long seed, Optional<Path> servingJar) {

        public Settings {
            if (replicas < 2) {
                throw new IllegalArgumentException("replicas must be >= 2 but was " + replicas);
            }
            if (items < 100) {
                throw new IllegalArgumentException("items must be >= 100 but was " + items);
            }
        }
    }

    private final Settings settings;
    private final Path home;
    private final ServingInstallation installation;
    private final Map<String, String> environment;
    private final List<Integer> replicaPorts;
    private final ChildProcess[] replicas;
    private final List<ChildProcess> infrastructure = new ArrayList<>();
    private HaproxyLoadBalancer loadBalancer;
    private ServingInstallation.TenantKey key;
    private SyntheticModels.Published models;
    private String redisUrl;
    private String kafkaBootstrap;

    private ScaleOutBed(Settings settings, Path home, ServingInstallation installation, Map<String, String> environment,
                        List<Integer> replicaPorts) {
        this.settings = settings;
        this.home = home;
        this.installation = installation;
        this.environment = environment;
        this.replicaPorts = List.copyOf(replicaPorts);
        this.replicas = new ChildProcess[replicaPorts.size()];
    }

    /** What this machine lacks to run the bed, each with how to get it; empty when nothing is missing. */
    public static List<String> missing(Optional<Path> servingJar) {
        List<String> missing = new ArrayList<>();
        if (ServingInstallation.locate(servingJar).isEmpty()) {
            missing.add("serving/target/aisle-serving.jar (./mvnw -B -q -Dmaven.test.skip=true package)");
        }
        if (KafkaBrokerProcess.locate().isEmpty()) {
            missing.add(KafkaBrokerProcess.JAR + " (./mvnw -B -q -Dmaven.test.skip=true package)");
        }
        if (!HaproxyLoadBalancer.installed()) {
            missing.add(HaproxyLoadBalancer.BINARY + " (apt-get install haproxy)");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/redis-server"))) {
            missing.add("/usr/bin/redis-server (apt-get install redis-server)");
        }
        return missing;
    }

    /**
     * Starts Redis, Kafka, the replicas and HAProxy in a fresh home under {@code parent} and returns once HAProxy
     * has every replica in rotation: their readiness is UP, so each has loaded the published models.
     */
    public static ScaleOutBed start(Settings settings, Path parent, PrintStream progress) throws IOException, InterruptedException {
        List<String> missing = missing(settings.servingJar());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the scale-out bed needs " + String.join(", ", missing));
        }
        ServingInstallation installation = ServingInstallation.locate(settings.servingJar()).orElseThrow();
        Files.createDirectories(parent);
        Path home = Files.createTempDirectory(parent.toAbsolutePath(), "aisle-scale-out-");
        List<Integer> ports = new ArrayList<>();
        for (int r = 0; r < settings.replicas(); r++) {
            ports.add(ServingInstallation.freeLoopbackPort());
        }
        ScaleOutBed bed = new ScaleOutBed(settings, home, installation, new HashMap<>(), ports);
        try {
            bed.startAll(progress);
            return bed;
        } catch (IOException | InterruptedException | RuntimeException e) {
            bed.close();
            throw e;
        }
    }

    private void startAll(PrintStream progress) throws IOException, InterruptedException {
        int redisPort = ServingInstallation.freeLoopbackPort();
        ChildProcess redis = LocalRedis.start(redisPort, home.resolve("redis.log"), Duration.ofSeconds(20));
        infrastructure.add(redis);
        redisUrl = "redis://127.0.0.1:" + redisPort;
        progress.println("redis-server on 127.0.0.1:" + redisPort + " (pid " + redis.pid() + ")");

        KafkaBrokerProcess.Started kafka = KafkaBrokerProcess.start(KafkaBrokerProcess.locate().orElseThrow(),
                home.resolve("kafka.log"), Duration.ofMinutes(2));
        infrastructure.add(kafka.process());
        kafkaBootstrap = kafka.bootstrapServers();
        progress.println("Kafka broker on " + kafkaBootstrap + " (pid " + kafka.process().pid() + ")");

        environment.putAll(ServingInstallation.environment(home, Optional.of(redisUrl)));
        environment.put("AISLE_KAFKA_BOOTSTRAP", kafkaBootstrap);
        // Readiness goes DOWN while Redis does not answer, so HAProxy stops sending to a replica cut off from it.
        environment.put("AISLE_REDIS_REQUIRED", "true");
        key = installation.createKey(home, TENANT, ROLES, environment);
        models = SyntheticModels.publish(new ModelRegistry(home.resolve("registry"), Clock.systemUTC()), TENANT,
                SyntheticModels.Shape.forCatalogue(settings.items(), settings.seed()));

        for (int r = 0; r < replicas.length; r++) {
            restart(r);
            progress.println("replica " + r + " on 127.0.0.1:" + replicaPorts.get(r) + " (pid " + replicas[r].pid() + ")");
        }
        for (int r = 0; r < replicas.length; r++) {
            ServingInstallation.awaitHealthy(replicas[r], URI.create("http://127.0.0.1:" + replicaPorts.get(r)), START_TIMEOUT);
        }
        int frontendPort = ServingInstallation.freeLoopbackPort();
        loadBalancer = HaproxyLoadBalancer.start(frontendPort, ServingInstallation.freeLoopbackPort(), replicaPorts, home);
        loadBalancer.awaitReplicasUp(replicas.length, START_TIMEOUT);
        progress.println("haproxy on " + loadBalancer.base() + " (pid " + loadBalancer.pid() + ") with " + replicas.length
                + " replicas in rotation; logs in " + home);
    }

    /** The load balancer's URL, the one address clients use. */
    public URI base() {
        return loadBalancer.base();
    }

    public ServingInstallation.TenantKey key() {
        return key;
    }

    public SyntheticModels.Published models() {
        return models;
    }

    public int replicaCount() {
        return replicas.length;
    }

    public Path home() {
        return home;
    }

    public String redisUrl() {
        return redisUrl;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /** The replica's log (appended across restarts). */
    public Path log(int replica) {
        return home.resolve("replica-" + replica + ".log");
    }

    /** Every replica's log, by replica. */
    public List<Path> logs() {
        List<Path> logs = new ArrayList<>();
        for (int r = 0; r < replicaCount(); r++) {
            logs.add(log(r));
        }
        return logs;
    }

    public boolean isRunning(int replica) {
        return replicas[replica] != null && replicas[replica].isAlive();
    }

    /** Ends the replica with SIGKILL, as a crash would. */
    public void kill(int replica) throws InterruptedException {
        if (!isRunning(replica)) {
            throw new IllegalStateException("replica " + replica + " is not running");
        }
        replicas[replica].kill();
        replicas[replica].close();
    }

    /** Starts the replica on its port and returns at once; HAProxy takes it back once its readiness answers UP. */
    public void restart(int replica) throws IOException {
        if (isRunning(replica)) {
            throw new IllegalStateException("replica " + replica + " is running");
        }
        replicas[replica] = installation.startServer(replicaPorts.get(replica), settings.serverHeap(), environment, log(replica));
    }

    /** How many replicas HAProxy has in rotation now. */
    public int replicasInRotation() throws InterruptedException {
        return loadBalancer.replicasUp();
    }

    /** Waits until HAProxy has exactly {@code count} replicas in rotation. */
    public void awaitInRotation(int count, Duration timeout) throws InterruptedException {
        loadBalancer.awaitReplicasUp(count, timeout);
    }

    @Override
    public void close() {
        if (loadBalancer != null) {
            loadBalancer.close();
        }
        for (ChildProcess replica : replicas) {
            if (replica != null) {
                replica.close();
            }
        }
        // Kafka before the Redis nothing uses any more; reverse order of start.
        for (int i = infrastructure.size() - 1; i >= 0; i--) {
            if (infrastructure.get(i) != null) {
                infrastructure.get(i).close();
            }
        }
    }
}
