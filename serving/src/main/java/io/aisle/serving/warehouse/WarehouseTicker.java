package io.aisle.serving.warehouse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticks the dispatcher of every warehouse this replica owns with a valid lease, one after another, from one daemon
 * thread ({@code warehouse-ticker}) at a fixed period. A tick that overruns the period delays the next one rather
 * than overlapping it; a failing warehouse is logged and does not stop the others. Every
 * {@code checkpointEveryTicks} ticks, and once more on {@link #close} after the last tick, it writes the owned
 * warehouses' checkpoints, on the same thread, so a periodic checkpoint never races a tick.
 */
public final class WarehouseTicker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WarehouseTicker.class);

    /** Told of every tick this replica ran, on the ticker thread: for metrics and for tests of ownership. */
    public interface TickListener {
        void ticked(WarehouseKey key, long fence, long startNanos, long endNanos);
    }

    private final WarehouseOwnership ownership;
    private final List<TickListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread ticker = new Thread(runnable, "warehouse-ticker");
        ticker.setDaemon(true);
        return ticker;
    });

    private final int checkpointEveryTicks;
    private long ticks;

    public WarehouseTicker(WarehouseOwnership ownership, Duration period, int checkpointEveryTicks) {
        this.ownership = ownership;
        this.checkpointEveryTicks = checkpointEveryTicks;
        thread.scheduleAtFixedRate(this::tickAll, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void addTickListener(TickListener listener) {
        listeners.add(listener);
    }

    private void tickAll() {
        for (RunningWarehouse warehouse : ownership.owned()) {
            // Checked per warehouse: the lease may lapse while an earlier warehouse ticks.
            if (!warehouse.leaseValid()) {
                continue;
            }
            try {
                long start = System.nanoTime();
                warehouse.tick();
                long end = System.nanoTime();
                listeners.forEach(listener -> listener.ticked(warehouse.key(), warehouse.fence(), start, end));
            } catch (RuntimeException e) {
                log.error("tick of warehouse {} failed", warehouse.key(), e);
            }
        }
        if (++ticks % checkpointEveryTicks == 0) {
            ownership.checkpointAll();
        }
    }

    /** Stops ticking, waits for a tick under way, then checkpoints the owned warehouses (the server is stopping). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("a warehouse tick did not finish within 10 s; checkpointing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ownership.checkpointAll();
    }
}
