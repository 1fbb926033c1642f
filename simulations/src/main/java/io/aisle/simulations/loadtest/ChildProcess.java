package io.aisle.simulations.loadtest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process this benchmark started, with its output in a log file. {@link #close()} stops exactly
 * this process (by its handle, never by name): SIGTERM, then SIGKILL after a grace period. A JVM
 * shutdown hook does the same if the benchmark is interrupted.
 */
public final class ChildProcess implements AutoCloseable {

    private static final long GRACE_SECONDS = 15;

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread stopOnExit;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stopOnExit = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts {@code command} with the current environment changed by {@code environment} (a null value
     * removes the variable), stdout and stderr appended to {@code log}.
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        environment.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        return new ChildProcess(name, builder.start(), log);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public String name() {
        return name;
    }

    /**
     * Ends the process with SIGKILL, as a crash would: no shutdown hook of the child runs, nothing is flushed or
     * released. Returns once it is gone.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + pid() + ") did not end within " + GRACE_SECONDS + " s of SIGKILL");
        }
    }

    /** Waits for the process to exit by itself and returns its exit code. */
    public int waitFor(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            stop();
            throw new IllegalStateException(name + " (pid " + pid() + ") did not finish in " + timeoutSeconds + " s; see " + log);
        }
        return process.exitValue();
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run: the process is being stopped either way.
        }
    }
}
