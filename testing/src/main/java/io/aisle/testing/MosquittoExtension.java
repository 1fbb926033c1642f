package io.aisle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    private static final Path DEBIAN_BINARY = Path.of("/usr/sbin/mosquitto");
    /** MQTT 3.1.1 CONNECT of client id "p" with a clean session; the broker answers CONNACK 0x20 0x02 0x00 0x00. */
    private static final byte[] PROBE_CONNECT = {0x10, 0x0d, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c,
            0x00, 0x01, 'p'};

    private final int port = FreePorts.next();
    private final LocalServerProcess broker = new LocalServerProcess("mosquitto");
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
            Files.writeString(workDir.resolve("mosquitto.conf"), String.join("\n",
                    "listener " + port + " 127.0.0.1",
                    "allow_anonymous true",
                    "persistence false",
                    "log_dest file " + workDir.resolve("mosquitto.log"),
                    "log_type error",
                    "log_type warning",
                    "log_type notice",
                    "max_queued_messages 10000",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String binary = Files.isExecutable(DEBIAN_BINARY) ? DEBIAN_BINARY.toString() : "mosquitto";
        ProcessBuilder builder = new ProcessBuilder(List.of(binary, "-c", workDir.resolve("mosquitto.conf").toString()))
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("mosquitto.out").toFile());
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::stop, "mosquitto-stop-" + port);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        broker.start(builder, "is the Debian package mosquitto installed?",
                workDir.resolve("mosquitto.out") + " and " + workDir.resolve("mosquitto.log"), this::acceptsConnect);
    }

    /** Stops the broker by its pid and waits for the process to end. */
    public synchronized void stop() {
        broker.stop();
    }

    public synchronized boolean isRunning() {
        return broker.isRunning();
    }

    public int port() {
        return port;
    }

    /** The Paho-style server URI, for example {@code tcp://127.0.0.1:41234}. */
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** A CONNACK with return code 0 to the probe's CONNECT. */
    private boolean acceptsConnect() {
        return LocalServerProcess.reply(port, PROBE_CONNECT, 4).map(reply -> reply[0] == 0x20 && reply[3] == 0x00).orElse(false);
    }
}
