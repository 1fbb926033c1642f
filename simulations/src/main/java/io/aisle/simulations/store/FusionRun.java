package io.aisle.simulations.store;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.engine.FusionEngine;
import io.aisle.fusion.engine.FusionOutput;
import io.aisle.fusion.engine.FusionStats;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.vision.observation.ShopperObservation;
import java.util.ArrayList;
import java.util.List;

/**
 * A sink that feeds a fusion engine and collects its receipts, timing only the engine's own
 * work (the simulator's time is not counted) so the speed figure is the engine's.
 */
public final class FusionRun implements StoreEventSink {

    private final FusionEngine engine;
    private final List<Receipt> receipts = new ArrayList<>();
    private long engineNanos;
    private long readings;
    private long observations;

    public FusionRun(FusionEngine engine) {
        this.engine = engine;
    }

    @Override
    public void reading(ShelfReading reading) {
        long start = System.nanoTime();
        engine.accept(reading);
        engineNanos += System.nanoTime() - start;
        readings++;
        collect();
    }

    @Override
    public void observation(ShopperObservation observation) {
        long start = System.nanoTime();
        engine.accept(observation);
        engineNanos += System.nanoTime() - start;
        observations++;
        collect();
    }

    /** Ends the stream and collects the last receipts. */
    public void finish() {
        long start = System.nanoTime();
        engine.finish();
        engineNanos += System.nanoTime() - start;
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

    public long engineNanos() {
        return engineNanos;
    }

    public long readings() {
        return readings;
    }

    public long observations() {
        return observations;
    }
}
