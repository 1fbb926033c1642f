package io.aisle.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a private {@code mosquitto} MQTT broker on a free loopback port for one test class.
 *
 * <p>Register it as a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final MosquittoExtension mqtt = new MosquittoExtension();
 * ...
 * new MqttClient(mqtt.uri(), "client-id", new MemoryPersistence());
 * }</pre>
 * The broker reads a generated config (one listener on 127.0.0.1, anonymous clients, no persistence) and logs to a
 * file in its temporary folder. {@link #stop()} and {@link #start()} simulate an outage on the same port. The
 * process is stopped by its pid after the class, even when tests fail.
 *
 * <p>Needs Debian's {@code mosquitto} ({@code /usr/sbin/mosquitto}, or {@code mosquitto} on the PATH).
 */
public final class MosquittoExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    private static final Path DEBIAN_BINARY = Path.of("/usr/sbin/mosquitto");
    /** MQTT 3.1.1 CONNECT of client id "p" with a clean session; the broker answers CONNACK 0x20 0x02 0x00 0x00. */
    private static final byte[] PROBE_CONNECT = {0x10, 0x0d, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c,
            0x00, 0x01, 'p'};

    private final int port = FreePorts.next();
    private Process process;
    private Path workDir;
    /** Stops the broker when the JVM ends without afterAll, as when a build kills a test JVM that overran. */
    private Thread shutdownHook;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        if (shutdownHook != null) {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            shutdownHook = null;
        }
    }

    /** Starts the broker, or does nothing when it already runs. Blocks until it accepts an MQTT connection. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            if (workDir == null) {
                workDir = Files.createTempDirectory("aisle-mosquitto-");
            }
            Path config = workDir.resolve("mosquitto.conf");
            Files.writeString(config, String.join("\n",
                    "listener " + port + " 127.0.0.1",
                    "allow_anonymous true",
                    "persistence false",
                    "log_dest file " + workDir.resolve("mosquitto.log"),
                    "log_type error",
                    "log_type warning",
                    "log_type notice",
                    "max_queued_messages 10000",
                    ""));
            String binary = Files.isExecutable(DEBIAN_BINARY) ? DEBIAN_BINARY.toString() : "mosquitto";
            process = new ProcessBuilder(List.of(binary, "-c", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("mosquitto.out").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto; is the Debian package mosquitto installed?", e);
        }
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::stop, "mosquitto-stop-" + port);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        awaitConnack();
    }

    /** Stops the broker by its pid and waits for the process to end. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    /** The Paho-style server URI, for example {@code tcp://127.0.0.1:41234}. */
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    private void awaitConnack() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + "; see "
                        + workDir.resolve("mosquitto.out") + " and " + workDir.resolve("mosquitto.log"));
            }
            if (acceptsConnect()) {
                return;
            }
            sleepBriefly();
        }
        stop();
        throw new IllegalStateException("mosquitto did not accept an MQTT connection within " + STARTUP_TIMEOUT);
    }

    private boolean acceptsConnect() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write(PROBE_CONNECT);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(4);
            return reply.length == 4 && reply[0] == 0x20 && reply[3] == 0x00;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for mosquitto", e);
        }
    }
}
