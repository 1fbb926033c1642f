package io.aisle.simulations.store;

import io.aisle.fusion.account.EntryEvent;
import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.engine.FusionOutput;
import io.aisle.fusion.engine.FusionStats;
import io.aisle.fusion.pipeline.StorePipeline;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.vision.observation.ShopperObservation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * A sink that feeds a store pipeline (readings, shopper observations and gate entries, no cameras) and collects
 * its receipts, timing only the pipeline's work.
 *
 * <p>Inputs are buffered in batches of {@value #BATCH} and each batch is fed to the engine
 * between two reads of this thread's CPU time (and of the wall clock), so the simulator's work
 * and other processes sharing the core are left out of the engine's time. Receipts are still
 * timed in event time, so batching does not change latency figures.
 */
public final class FusionRun implements StoreEventSink {

    private static final int BATCH = 8_192;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final StorePipeline engine;
    private final List<Receipt> receipts = new ArrayList<>();
    private final Object[] batch = new Object[BATCH];
    private int batched;
    private long engineCpuNanos;
    private long engineWallNanos;
    private long readings;
    private long observations;
    private long entries;

    public FusionRun(StorePipeline engine) {
        this.engine = engine;
    }

    @Override
    public void reading(ShelfReading reading) {
        readings++;
        add(reading);
    }

    @Override
    public void observation(ShopperObservation observation) {
        observations++;
        add(observation);
    }

    @Override
    public void entry(EntryEvent entry) {
        entries++;
        add(entry);
    }

    private void add(Object input) {
        batch[batched++] = input;
        if (batched == BATCH) {
            feedBatch();
        }
    }

    private void feedBatch() {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < batched; i++) {
            if (batch[i] instanceof ShelfReading reading) {
                engine.accept(reading);
            } else if (batch[i] instanceof EntryEvent entry) {
                engine.accept(entry);
            } else {
                engine.accept((ShopperObservation) batch[i]);
            }
            batch[i] = null;
        }
        batched = 0;
        engineWallNanos += System.nanoTime() - wall;
        engineCpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
        collect();
    }

    /** Ends the stream and collects the last receipts. */
    public void finish() {
        feedBatch();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        engine.finish();
        engineWallNanos += System.nanoTime() - wall;
        engineCpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
        collect();
    }

    private void collect() {
        for (FusionOutput output : engine.drainOutputs()) {
            if (output instanceof FusionOutput.ReceiptIssued issued) {
                receipts.add(issued.receipt());
            }
        }
    }

    public List<Receipt> receipts() {
        return List.copyOf(receipts);
    }

    public FusionStats stats() {
        return engine.stats();
    }

    /** CPU time this thread spent inside the engine. */
    public long engineNanos() {
        return engineCpuNanos;
    }

    /** Wall-clock time spent inside the engine (includes waiting for a shared core). */
    public long engineWallNanos() {
        return engineWallNanos;
    }

    public long readings() {
        return readings;
    }

    public long observations() {
        return observations;
    }

    public long entries() {
        return entries;
    }
}
