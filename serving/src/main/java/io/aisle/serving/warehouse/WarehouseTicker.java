package io.aisle.serving.warehouse;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticks every registered warehouse's dispatcher, one after another, from one daemon thread
 * ({@code warehouse-ticker}) at a fixed period. A tick that overruns the period delays the next one rather than
 * overlapping it; a failing warehouse is logged and does not stop the others. Every {@code checkpointEveryTicks}
 * ticks, and once more on {@link #close} after the last tick, it writes every warehouse's checkpoint, on the same
 * thread, so a checkpoint never races a tick.
 */
public final class WarehouseTicker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WarehouseTicker.class);

    private final WarehouseRegistry registry;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread ticker = new Thread(runnable, "warehouse-ticker");
        ticker.setDaemon(true);
        return ticker;
    });

    private final int checkpointEveryTicks;
    private long ticks;

    public WarehouseTicker(WarehouseRegistry registry, Duration period, int checkpointEveryTicks) {
        this.registry = registry;
        this.checkpointEveryTicks = checkpointEveryTicks;
        thread.scheduleAtFixedRate(this::tickAll, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tickAll() {
        for (RunningWarehouse warehouse : registry.all()) {
            try {
                warehouse.dispatcher().tick();
            } catch (RuntimeException e) {
                log.error("tick of warehouse {} failed", warehouse.key(), e);
            }
        }
        if (++ticks % checkpointEveryTicks == 0) {
            registry.checkpointAll();
        }
    }

    /** Stops ticking, waits for a tick under way, then checkpoints every warehouse (the server is stopping). */
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
        registry.checkpointAll();
    }
}
