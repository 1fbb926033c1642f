package io.aisle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a private {@code redis-server} process on a free loopback port for one test class.
 *
 * <p>Register it as a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension redis = new RedisServerExtension();
 * ...
 * RedisClient.create(redis.uri());
 * }</pre>
 * The server keeps nothing on disk ({@code --save "" --appendonly no}). {@link #stop()} and
 * {@link #start()} simulate an outage: the restarted server listens on the same port, empty.
 * The process is stopped by its pid after the class, even when tests fail.
 *
 * <p>Needs {@code redis-server} on the PATH (Debian package {@code redis-server}).
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

    private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int port = FreePorts.next();
    private final LocalServerProcess server = new LocalServerProcess("redis-server");
    private Path workDir;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts the server, or does nothing when it already runs. Blocks until it answers PING. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            if (workDir == null) {
                workDir = Files.createTempDirectory("aisle-redis-");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(
                "redis-server",
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", workDir.toString(),
                "--protected-mode", "yes"))
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("redis.log").toFile());
        server.start(builder, "is the Debian package redis-server installed?", workDir.resolve("redis.log").toString(),
                () -> LocalServerProcess.reply(port, PING, PONG.length).map(reply -> Arrays.equals(reply, PONG)).orElse(false));
    }

    /** Stops the server by its pid and waits until the process has ended. */
    public synchronized void stop() {
        server.stop();
    }

    public synchronized boolean isRunning() {
        return server.isRunning();
    }

    public int port() {
        return port;
    }

    /** The Lettuce-style connection URI, for example {@code redis://127.0.0.1:41234}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The server's pid while it runs. */
    public synchronized long pid() {
        return server.pid();
    }
}
