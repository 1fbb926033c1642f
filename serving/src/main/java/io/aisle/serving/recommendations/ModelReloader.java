package io.aisle.serving.recommendations;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The one thread that loads models: it refreshes every deployment at start, every
 * {@code interval} after, and at once when {@link #reloadNow()} is called (after an approval or a
 * plan change). Loading never runs on a request thread.
 */
public final class ModelReloader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ModelReloader.class);

    private final List<ModelDeployments<?>> deployments;
    private final Duration interval;
    private ScheduledExecutorService thread;
    /** Empty until the first refresh is done; then why the last refresh failed, or "" when it did not. */
    private volatile Optional<String> lastFailure = Optional.empty();

    public ModelReloader(List<ModelDeployments<?>> deployments, Duration interval) {
        this.deployments = List.copyOf(deployments);
        this.interval = interval;
    }

    /** Refreshes on the reload thread and returns when done. */
    public void reloadNow() {
        try {
            thread.submit(this::refreshAll).get(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("model reload failed", e);
        }
    }

    /**
     * Whether the models this replica serves are those the registry holds: false before the first refresh
     * is done, and while the last one could not read the registry (a tenant whose version fails to load
     * keeps its previous one and does not count: every replica would refuse that version alike).
     */
    public boolean isCurrent() {
        return lastFailure.map(String::isEmpty).orElse(false);
    }

    /** Why the last refresh could not read the registry; empty before the first and after a good one. */
    public Optional<String> lastFailure() {
        return lastFailure.filter(reason -> !reason.isEmpty());
    }

    private void refreshAll() {
        String failure = "";
        for (ModelDeployments<?> deployment : deployments) {
            try {
                deployment.refresh();
            } catch (RuntimeException e) {
                log.error("refreshing {} failed; the live versions stay", deployment.model(), e);
                failure = deployment.model() + ": " + e.getMessage();
            }
        }
        lastFailure = Optional.of(failure);
    }

    @Override
    public synchronized void start() {
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread reload = new Thread(runnable, "aisle-model-reload");
            reload.setDaemon(true);
            return reload;
        });
        refreshAll();
        thread.scheduleWithFixedDelay(this::refreshAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
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
