package io.aisle.fusion.engine;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import java.util.List;

/** What the engine tells the outside world, in the order it happened. */
public sealed interface FusionOutput {

    /** A shopper's cart changed; {@code lines} is the whole cart after the change. */
    record CartUpdated(String shopperId, long eventTimeMillis, List<ReceiptLine> lines) implements FusionOutput {
        public CartUpdated {
            lines = List.copyOf(lines);
        }
    }

    /** A shopper left and every event that could concern them is settled. */
    record ReceiptIssued(Receipt receipt) implements FusionOutput {
    }
}
