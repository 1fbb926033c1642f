package io.aisle.fusion.cart;

import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotReader;
import io.aisle.vision.snapshot.SnapshotWriter;
import java.util.List;
import java.util.Objects;

/**
 * The receipt of one shopper visit.
 *
 * @param shopperId the shopper (the first track id of the visit)
 * @param trackIds every track id linked to this shopper
 * @param exitMillis event time the shopper entered the exit zone; {@code Long.MIN_VALUE} when the
 *     stream ended before they left
 * @param issuedAtMillis event time of the latest input seen when the receipt was issued
 * @param lines SKU lines in SKU order
 * @param needsReview true when a person should check this visit
 * @param reviewReasons why, in plain words; empty when {@code needsReview} is false
 * @param evidence the weight events behind the doubtful lines, oldest first, for the reviewer;
 *     empty when no line is in doubt (a receipt may need review for its track alone)
 */
public record Receipt(String shopperId, List<String> trackIds, long exitMillis, long issuedAtMillis,
                      List<ReceiptLine> lines, boolean needsReview, List<String> reviewReasons,
                      List<ReviewEvidence> evidence) {

    /**
     * shopperId, trackIds (list of strings), exitMillis, issuedAtMillis, lines (list of ReceiptLine),
     * needsReview, reviewReasons (list of strings), evidence (list of ReviewEvidence).
     */
    public static final SnapshotCodec<Receipt> CODEC = SnapshotCodec.of((r, out) -> {
        writeWithoutEvidence(r, out);
        out.writeList(r.evidence, ReviewEvidence.CODEC);
    }, in -> readWithoutEvidence(in).withEvidence(in.readList(ReviewEvidence.CODEC)));

    /** The layout of {@code fusion-engine} version 1, before receipts held their evidence. */
    public static final SnapshotCodec<Receipt> CODEC_V1 = SnapshotCodec.of(Receipt::writeWithoutEvidence,
            Receipt::readWithoutEvidence);

    public Receipt {
        Objects.requireNonNull(shopperId, "shopperId");
        trackIds = List.copyOf(trackIds);
        lines = List.copyOf(lines);
        reviewReasons = List.copyOf(reviewReasons);
        evidence = List.copyOf(evidence);
    }

    /** A receipt without evidence. */
    public Receipt(String shopperId, List<String> trackIds, long exitMillis, long issuedAtMillis,
                   List<ReceiptLine> lines, boolean needsReview, List<String> reviewReasons) {
        this(shopperId, trackIds, exitMillis, issuedAtMillis, lines, needsReview, reviewReasons, List.of());
    }

    public Receipt withEvidence(List<ReviewEvidence> newEvidence) {
        return new Receipt(shopperId, trackIds, exitMillis, issuedAtMillis, lines, needsReview, reviewReasons, newEvidence);
    }

    private static void writeWithoutEvidence(Receipt r, SnapshotWriter out) {
        out.writeString(r.shopperId).writeList(r.trackIds, SnapshotCodec.STRING).writeLong(r.exitMillis)
                .writeLong(r.issuedAtMillis).writeList(r.lines, ReceiptLine.CODEC).writeBoolean(r.needsReview)
                .writeList(r.reviewReasons, SnapshotCodec.STRING);
    }

    private static Receipt readWithoutEvidence(SnapshotReader in) {
        return new Receipt(in.readString(), in.readList(SnapshotCodec.STRING), in.readLong(), in.readLong(),
                in.readList(ReceiptLine.CODEC), in.readBoolean(), in.readList(SnapshotCodec.STRING));
    }

    /** Units of a SKU on this receipt; 0 when absent. */
    public int quantityOf(String sku) {
        return lines.stream().filter(l -> l.sku().equals(sku)).mapToInt(ReceiptLine::quantity).sum();
    }
}
