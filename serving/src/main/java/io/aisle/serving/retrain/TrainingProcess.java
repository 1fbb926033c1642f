package io.aisle.serving.retrain;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a training job as a child process, its output going to a log file, so that Spark runs in its own JVM
 * and heap and a crashed or stuck job cannot take the server with it.
 */
final class TrainingProcess {

    /** What the child did: its exit code, or empty when it was stopped at the time limit. */
    record Outcome(Integer exitCode) {
        boolean timedOut() {
            return exitCode == null;
        }
    }

    private final List<String> command;
    private final Duration timeout;

    /**
     * @param command the training command line up to the model, e.g. {@code [/opt/aisle/aisle, train]}
     * @param timeout the child is stopped after this long
     */
    TrainingProcess(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    boolean configured() {
        return !command.isEmpty();
    }

    Outcome run(List<String> arguments, Path log) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(command);
        line.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
        // XGBoost and Spark's native BLAS spin on idle cores otherwise (STACK.md).
        builder.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        Process child = builder.start();
        try {
            if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(child);
                return new Outcome(null);
            }
            return new Outcome(child.exitValue());
        } catch (InterruptedException e) {
            stop(child);
            throw e;
        }
    }

    private static void stop(Process child) throws InterruptedException {
        child.descendants().forEach(ProcessHandle::destroy);
        child.destroy();
        if (!child.waitFor(10, TimeUnit.SECONDS)) {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly().waitFor();
        }
    }
}
