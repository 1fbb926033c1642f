package io.aisle.fusion.cart;

import io.aisle.vision.snapshot.SnapshotCodec;

/**
 * One line of a cart or a receipt.
 *
 * @param confidence probability that this line is right, in [0, 1] (the weakest of the events behind it)
 */
public record ReceiptLine(String sku, int quantity, double confidence) {

    /** sku, quantity, confidence. */
    public static final SnapshotCodec<ReceiptLine> CODEC = SnapshotCodec.of(
            (l, out) -> out.writeString(l.sku).writeInt(l.quantity).writeDouble(l.confidence),
            in -> new ReceiptLine(in.readString(), in.readInt(), in.readDouble()));

    public ReceiptLine {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("sku must not be blank");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be > 0 but was " + quantity);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1] but was " + confidence);
        }
    }
}
