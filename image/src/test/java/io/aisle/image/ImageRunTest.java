package io.aisle.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.client.RequestSigner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code target/aisle-image.tar} under podman with runc: the image's own {@code tenants} command creates a
 * tenant and a key in a home folder, the image's default command serves from it, and the server inside answers
 * health UP and a signed call. Where podman is missing the test is skipped, naming it; {@link ImageContentsTest}
 * still checks the tar. The same image also trains: {@code train also-bought} publishes into the home's registry.
 */
@Tag("image")
class ImageRunTest {

    private static final String IMAGE = "localhost/" + System.getProperty("aisle.image.reference");
    private static final Duration STARTUP = Duration.ofSeconds(180);

    @TempDir
    static Path work;

    private static Path home;
    private static String keyId;
    private static String secret;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void loadImageAndCreateATenant() throws Exception {
        Assumptions.assumeTrue(podmanAnswers(), "podman is not installed or does not answer: the image is not run here");
        // Without rlimits: a sandbox may refuse podman's default ulimits (see STACK.md).
        Path containersConf = work.resolve("containers.conf");
        Files.writeString(containersConf, "[containers]\ndefault_ulimits = []\n");
        System.setProperty("aisle.test.containers-conf", containersConf.toString());
        Result load = podman(Duration.ofMinutes(5), "load", "-i", ImageContentsTest.IMAGE_TAR.toString());
        assertEquals(0, load.exitCode(), load.output());
        assertTrue(load.output().contains(IMAGE), load.output());

        home = Files.createDirectory(work.resolve("home"));
        // The container's user (10001) writes the home folder the test process owns.
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        Result tenant = runOnce("tenants", "create", "acme");
        assertEquals(0, tenant.exitCode(), tenant.output());
        Result key = runOnce("tenants", "add-key", "acme", "--roles", "admin");
        assertEquals(0, key.exitCode(), key.output());
        keyId = field(key.output(), "key id:");
        secret = field(key.output(), "secret:");
    }

    @AfterAll
    static void removeImage() throws Exception {
        if (home != null) {
            podman(Duration.ofMinutes(1), "rmi", "--force", IMAGE);
        }
    }

    @Test
    void servesHealthUpAndASignedCallFromTheDefaultCommand() throws Exception {
        int port = freePort();
        String name = "aisle-image-test-" + port;
        Result started = podman(Duration.ofMinutes(1), "--runtime", "runc", "run", "-d", "--name", name,
                "--network", "host", "-e", "AISLE_PORT=" + port, "-v", home + ":/var/lib/aisle/home", IMAGE);
        assertEquals(0, started.exitCode(), started.output());
        try {
            HttpResponse<String> health = awaitHealth(port, name);
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"status\":\"UP\""), health.body());

            HttpResponse<String> keys = signedGet(port, "/v1/admin/keys");
            assertEquals(200, keys.statusCode(), keys.body());
            assertTrue(keys.body().contains(keyId), "the tenant's keys list the key the image's tenants command made: "
                    + keys.body());

            HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(uri(port, "/v1/admin/keys")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, unsigned.statusCode(), unsigned.body());
            assertEquals("application/problem+json", unsigned.headers().firstValue("content-type").orElse(""));
        } finally {
            podman(Duration.ofMinutes(1), "stop", "--time", "20", name);
            podman(Duration.ofMinutes(1), "rm", "--force", name);
        }
    }

    @Test
    void trainsAndPublishesFromTheSameImage() throws Exception {
        // A small seeded basket file in the mounted home: 400 baskets over 30 items, pairs of neighbours bought together.
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder baskets = new StringBuilder();
        for (int basket = 0; basket < 400; basket++) {
            int first = random.nextInt(30);
            baskets.append("item-").append(first).append(",item-").append((first + 1) % 30);
            if (random.nextBoolean()) {
                baskets.append(",item-").append(random.nextInt(30));
            }
            baskets.append('\n');
        }
        Files.writeString(home.resolve("baskets.csv"), baskets);

        Result trained = runOnce("train", "also-bought", "--baskets", "/var/lib/aisle/home/baskets.csv", "--tenant", "acme",
                "--approve");

        assertEquals(0, trained.exitCode(), trained.output());
        // Published under the home's registry, where the image's server reads (AISLE_REGISTRY), and approved.
        Path model = home.resolve("registry/acme/also-bought");
        try (Stream<Path> files = Files.walk(model)) {
            assertTrue(files.anyMatch(file -> file.getFileName().toString().equals("manifest.json")), trained.output());
        }
        assertTrue(trained.output().contains("approved"), trained.output());
    }

    private static HttpResponse<String> awaitHealth(int port, String name) throws Exception {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(uri(port, "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return health;
                }
            } catch (IOException notListeningYet) {
                // The JVM inside is still starting.
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no health UP within " + STARTUP + "; logs:\n"
                + podman(Duration.ofMinutes(1), "logs", name).output());
    }

    private static HttpResponse<String> signedGet(int port, String path) throws Exception {
        Map<String, String> headers = new RequestSigner(keyId, secret)
                .sign("GET", "127.0.0.1:" + port, path, null, new byte[0], Instant.now());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** One command of the image's launcher in a container that is removed when it ends. */
    private static Result runOnce(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("--runtime", "runc", "run", "--rm", "--network", "host",
                "-v", home + ":/var/lib/aisle/home", IMAGE));
        args.addAll(List.of(command));
        return podman(Duration.ofMinutes(5), args.toArray(String[]::new));
    }

    private static boolean podmanAnswers() {
        try {
            return podman(Duration.ofSeconds(30), "--version").exitCode() == 0;
        } catch (Exception notInstalled) {
            return false;
        }
    }

    private static Result podman(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        String containersConf = System.getProperty("aisle.test.containers-conf");
        if (containersConf != null) {
            builder.environment().put("CONTAINERS_CONF", containersConf);
        }
        Path output = Files.createTempFile(work, "podman", ".log");
        Process process = builder.redirectOutput(output.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within " + timeout + ":\n" + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static String field(String output, String label) {
        return output.lines().filter(line -> line.startsWith(label)).map(line -> line.substring(label.length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError("no '" + label + "' in:\n" + output));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Result(int exitCode, String output) {
    }
}
