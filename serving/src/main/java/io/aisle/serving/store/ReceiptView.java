package io.aisle.serving.store;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.List;

/**
 * A receipt as the API shows it.
 *
 * @param seq the store's receipt sequence number, from 1, gap-free: the cursor of {@code receipts?since=}
 * @param exitMillis event time the shopper entered the exit zone; null when they never reached it
 * @param issuedAtMillis event time of the latest input seen when the receipt was issued
 */
public record ReceiptView(long seq, String shopper, List<String> trackIds, Long exitMillis, long issuedAtMillis,
                          List<ReceiptLine> lines, boolean needsReview, List<String> reviewReasons) {

    /**
     * seq, shopper, trackIds (list of strings), exitMillis (present flag, then the long),
     * issuedAtMillis, lines (list of ReceiptLine), needsReview, reviewReasons (list of strings).
     */
    static final SnapshotCodec<ReceiptView> CODEC = SnapshotCodec.of((r, out) -> {
        out.writeLong(r.seq).writeString(r.shopper).writeList(r.trackIds, SnapshotCodec.STRING)
                .writeBoolean(r.exitMillis != null);
        if (r.exitMillis != null) {
            out.writeLong(r.exitMillis);
        }
        out.writeLong(r.issuedAtMillis).writeList(r.lines, ReceiptLine.CODEC).writeBoolean(r.needsReview)
                .writeList(r.reviewReasons, SnapshotCodec.STRING);
    }, in -> new ReceiptView(in.readLong(), in.readString(), in.readList(SnapshotCodec.STRING),
            in.readBoolean() ? in.readLong() : null, in.readLong(), in.readList(ReceiptLine.CODEC), in.readBoolean(),
            in.readList(SnapshotCodec.STRING)));

    public ReceiptView {
        trackIds = List.copyOf(trackIds);
        lines = List.copyOf(lines);
        reviewReasons = List.copyOf(reviewReasons);
    }

    static ReceiptView of(long seq, Receipt receipt) {
        return new ReceiptView(seq, receipt.shopperId(), receipt.trackIds(),
                receipt.exitMillis() == Long.MIN_VALUE ? null : receipt.exitMillis(), receipt.issuedAtMillis(),
                receipt.lines(), receipt.needsReview(), receipt.reviewReasons());
    }
}
