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
 * overlapping it; a failing warehouse is logged and does not stop the others.
 */
public final class WarehouseTicker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WarehouseTicker.class);

    private final WarehouseRegistry registry;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread ticker = new Thread(runnable, "warehouse-ticker");
        ticker.setDaemon(true);
        return ticker;
    });

    public WarehouseTicker(WarehouseRegistry registry, Duration period) {
        this.registry = registry;
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
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
