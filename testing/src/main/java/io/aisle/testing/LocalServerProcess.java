package io.aisle.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One server binary of a Debian package run as a child process for tests: started, awaited until it answers its
 * own protocol, and stopped by its pid. The extensions that own one say how to start it and what answering means.
 */
final class LocalServerProcess {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private Process process;

    /** @param name the binary's name in messages, for example {@code redis-server} */
    LocalServerProcess(String name) {
        this.name = name;
    }

    /**
     * Starts {@code builder} and blocks until {@code answers} holds.
     *
     * @param installHint what to install when the binary cannot be started
     * @param logs where the process's output went, named when it exits early
     */
    synchronized void start(ProcessBuilder builder, String installHint, String logs, BooleanSupplier answers) {
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + "; " + installHint, e);
        }
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logs);
            }
            if (answers.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        stop();
        throw new IllegalStateException(name + " did not answer within " + STARTUP_TIMEOUT + "; see " + logs);
    }

    /** Stops the process by its pid and waits for it to end. */
    synchronized void stop() {
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

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    /** The first {@code length} bytes a loopback server on {@code port} answers to {@code request}; empty while it does not. */
    static Optional<byte[]> reply(int port, byte[] request, int length) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(length);
            return reply.length == length ? Optional.of(reply) : Optional.empty();
        } catch (IOException notYet) {
            return Optional.empty();
        }
    }
}
