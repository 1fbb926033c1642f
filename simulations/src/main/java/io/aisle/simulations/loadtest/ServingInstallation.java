package io.aisle.simulations.loadtest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built serving jar and its libraries, run as separate JVMs: the {@code tenants} command to
 * make a key, and {@code serve} on loopback. The benchmark talks to the server over HTTP only; it
 * never loads serving classes.
 *
 * @param jar {@code serving/target/aisle-serving.jar}
 * @param lib the folder of its runtime libraries ({@code serving/target/lib})
 */
public record ServingInstallation(Path jar, Path lib) {

    static final String MAIN_CLASS = "io.aisle.serving.cli.ServingCli";
    private static final String JAR = "serving/target/aisle-serving.jar";

    /** An API key as the tenants command prints it once. */
    public record TenantKey(String keyId, String secret) {
    }

    /**
     * Finds the serving jar: {@code explicit} when given, else {@code serving/target/aisle-serving.jar} in
     * the first folder above this class's jar (or classes folder) that has one.
     */
    public static Optional<ServingInstallation> locate(Optional<Path> explicit) {
        if (explicit.isPresent()) {
            Path jar = explicit.get().toAbsolutePath();
            return Files.isRegularFile(jar) ? Optional.of(new ServingInstallation(jar, jar.resolveSibling("lib"))) : Optional.empty();
        }
        return BuiltJars.find(JAR).map(jar -> new ServingInstallation(jar, jar.resolveSibling("lib")));
    }

    /**
     * Creates {@code tenant} in the embedded directory under {@code home} and issues it a key.
     *
     * @param roles comma-separated roles, e.g. {@code admin,store-device}
     */
    public TenantKey createKey(Path home, String tenant, String roles, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path log = home.resolve("tenants.log");
        run(List.of("tenants", "--home", home.toString(), "create", tenant), environment, log);
        int from = Files.readAllLines(log).size();
        run(List.of("tenants", "--home", home.toString(), "add-key", tenant, "--roles", roles), environment, log);
        List<String> lines = Files.readAllLines(log);
        String keyId = null;
        String secret = null;
        for (String line : lines.subList(from, lines.size())) {
            if (line.startsWith("key id:")) {
                keyId = line.substring("key id:".length()).strip();
            } else if (line.startsWith("secret:")) {
                secret = line.substring("secret:".length()).strip();
            }
        }
        if (keyId == null || secret == null) {
            throw new IllegalStateException("the tenants command printed no key id and secret; see " + log);
        }
        // The secret is not needed on disk once the key is issued.
        Files.writeString(log, String.join(System.lineSeparator(), lines.subList(0, from)) + System.lineSeparator());
        return new TenantKey(keyId, secret);
    }

    private void run(List<String> arguments, Map<String, String> environment, Path log) throws IOException, InterruptedException {
        try (ChildProcess process = ChildProcess.start("aisle-tenants", java("256m", arguments), environment, log)) {
            int exit = process.waitFor(120);
            if (exit != 0) {
                throw new IllegalStateException("'" + String.join(" ", arguments) + "' exited with " + exit + "; see " + log);
            }
        }
    }

    /** Starts {@code serve --port port} and returns at once; see {@link #awaitHealthy}. */
    public ChildProcess startServer(int port, String heap, Map<String, String> environment, Path log) throws IOException {
        return startServer(port, heap, List.of(), environment, log);
    }

    /** As {@link #startServer(int, String, Map, Path)}, with these JVM flags, for example {@code -XX:+UseZGC}. */
    public ChildProcess startServer(int port, String heap, List<String> jvmFlags, Map<String, String> environment, Path log)
            throws IOException {
        return ChildProcess.start("aisle-serve", java(heap, jvmFlags, List.of("serve", "--port", Integer.toString(port))),
                environment, log);
    }

    private List<String> java(String heap, List<String> arguments) {
        return java(heap, List.of(), arguments);
    }

    private List<String> java(String heap, List<String> jvmFlags, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(jar + java.io.File.pathSeparator + lib.resolve("*"));
        command.add(MAIN_CLASS);
        command.addAll(arguments);
        return command;
    }

    /** Polls {@code /actuator/health} until it answers UP. */
    public static void awaitHealthy(ChildProcess server, URI base, Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(base.resolve("/actuator/health")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited while starting; see " + server.log());
            }
            try {
                HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server was not healthy after " + timeout.toSeconds() + " s; see " + server.log());
    }

    /** A port free on loopback right now (another process may take it before it is used). */
    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Environment for the serving JVMs: only what the benchmark chooses, none of the caller's Aisle settings. */
    public static Map<String, String> environment(Path home, Optional<String> redisUrl) {
        Map<String, String> environment = new HashMap<>();
        for (String inherited : List.of("AISLE_REGISTRY", "AISLE_KAFKA_BOOTSTRAP", "AISLE_MASTER_KEY", "AISLE_PORT", "AISLE_REDIS_URL")) {
            environment.put(inherited, null);
        }
        environment.put("AISLE_HOME", home.toString());
        environment.put("AISLE_BIND_ADDRESS", "127.0.0.1");
        // XGBoost's OpenMP threads busy-wait on few cores otherwise and the ranker is 10-50x slower.
        environment.put("OMP_WAIT_POLICY", "PASSIVE");
        // The quota is the product's default of 2,000 rps per tenant and role; the benchmark measures
        // capacity, so it lifts the bucket (Spring binds these to aisle.quota.*). Errors would show 429s.
        environment.put("AISLE_QUOTA_REQUESTSPERSECOND", "100000000");
        environment.put("AISLE_QUOTA_BURST", "100000000");
        redisUrl.ifPresent(url -> environment.put("AISLE_REDIS_URL", url));
        return environment;
    }
}
