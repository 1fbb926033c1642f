package io.aisle.serving.store;

import io.aisle.fusion.cart.ReceiptLine;
import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.List;

/**
 * A shopper's cart as last announced by the store's engine.
 *
 * @param updatedAtMillis event time of the change, epoch milliseconds
 * @param lines the whole cart, SKU lines with quantity and confidence
 */
public record CartView(String shopper, long updatedAtMillis, List<ReceiptLine> lines) {

    /** shopper, updatedAtMillis, lines (list of ReceiptLine). */
    static final SnapshotCodec<CartView> CODEC = SnapshotCodec.of(
            (c, out) -> out.writeString(c.shopper).writeLong(c.updatedAtMillis).writeList(c.lines, ReceiptLine.CODEC),
            in -> new CartView(in.readString(), in.readLong(), in.readList(ReceiptLine.CODEC)));

    public CartView {
        lines = List.copyOf(lines);
    }
}
