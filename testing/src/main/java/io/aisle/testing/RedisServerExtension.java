package io.aisle.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    private final int port = FreePorts.next();
    private Process process;
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
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server; is the Debian package redis-server installed?", e);
        }
        awaitPong();
    }

    /** Stops the server by its pid and waits until the port is closed. */
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

    /** The Lettuce-style connection URI, for example {@code redis://127.0.0.1:41234}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The server's pid while it runs. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("redis-server is not running");
        }
        return process.pid();
    }

    private void awaitPong() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue()
                        + "; see " + workDir.resolve("redis.log"));
            }
            if (answersPing()) {
                return;
            }
            sleepBriefly();
        }
        stop();
        throw new IllegalStateException("redis-server did not answer PING within " + STARTUP_TIMEOUT);
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }
}
