package io.aisle.serving.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** A periodic job on its own daemon thread, started and stopped with the server; a failing run is logged and retried. */
public final class BackgroundTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundTask.class);

    private final String name;
    private final Duration period;
    private final Runnable task;
    private ScheduledExecutorService thread;

    public BackgroundTask(String name, Duration period, Runnable task) {
        this.name = name;
        this.period = period;
        this.task = task;
    }

    @Override
    public synchronized void start() {
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread worker = new Thread(runnable, name);
            worker.setDaemon(true);
            return worker;
        });
        thread.scheduleWithFixedDelay(this::runOnce, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("{} failed; retrying in {}", name, period, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }
}
