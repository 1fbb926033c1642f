package io.aisle.fusion.testing;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.engine.FusionEngine;
import io.aisle.fusion.engine.FusionOutput;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.tracking.TrackedHandCrop;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Feeds rendered inputs to an engine and collects what comes out. */
public final class Replays {

    private Replays() {
    }

    public static void feed(FusionEngine engine, List<Object> inputs) {
        for (Object input : inputs) {
            if (input instanceof ShelfReading reading) {
                engine.accept(reading);
            } else if (input instanceof TrackedHandCrop crop) {
                engine.accept(crop);
            } else {
                engine.accept((ShopperObservation) input);
            }
        }
    }

    /** Feeds everything, ends the stream, returns the receipts in issue order. */
    public static List<Receipt> receipts(FusionEngine engine, List<Object> inputs) {
        feed(engine, inputs);
        engine.finish();
        return receiptsIn(engine.drainOutputs());
    }

    public static List<Receipt> receiptsIn(List<FusionOutput> outputs) {
        List<Receipt> receipts = new ArrayList<>();
        for (FusionOutput output : outputs) {
            if (output instanceof FusionOutput.ReceiptIssued issued) {
                receipts.add(issued.receipt());
            }
        }
        return receipts;
    }

    public static Receipt receiptOf(List<Receipt> receipts, String shopperId) {
        Optional<Receipt> found = receipts.stream().filter(r -> r.shopperId().equals(shopperId)).findFirst();
        return found.orElseThrow(() -> new AssertionError("no receipt for " + shopperId + " in " + receipts));
    }
}
