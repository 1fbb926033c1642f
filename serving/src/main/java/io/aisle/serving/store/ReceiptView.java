package io.aisle.serving.store;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import io.aisle.fusion.cart.ReviewEvidence;
import io.aisle.fusion.review.Adjustment;
import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotReader;
import io.aisle.vision.snapshot.SnapshotWriter;
import java.util.List;

/**
 * A receipt as the API shows it: one the engine issued, or an adjusted receipt that takes the place
 * of an earlier one (which stays as it was).
 *
 * @param seq the store's receipt sequence number, from 1, gap-free: the cursor of {@code receipts?since=}
 * @param exitMillis event time the shopper entered the exit zone; null when they never reached it
 * @param issuedAtMillis event time of the latest input seen when the receipt was issued; for an
 *     adjusted receipt, the server clock when the review or dispute was accepted
 * @param evidence the weight events behind the doubtful lines of a flagged receipt; empty otherwise
 * @param adjusts the number of the receipt this one takes the place of; null for an engine's receipt
 * @param adjustment {@code confirmed}, {@code corrected} or {@code disputed}; null for an engine's receipt
 * @param note the reviewer's or shopper's words on an adjusted receipt; null when none
 * @param account the shopper's account, bound at the entry gate or named by a reviewer; null when
 *     unbound, ambiguous, or the store's gates report no entries
 * @param candidateAccounts the accounts that entered together with this shopper, when the
 *     binding was ambiguous; empty otherwise
 */
public record ReceiptView(long seq, String shopper, List<String> trackIds, Long exitMillis, long issuedAtMillis,
                          List<ReceiptLine> lines, boolean needsReview, List<String> reviewReasons,
                          List<ReviewEvidence> evidence, Long adjusts, String adjustment, String note, String account,
                          List<String> candidateAccounts) {

    /**
     * The {@link #CODEC_V2} fields, then (version 3 on) account (string?) and candidateAccounts
     * (list of strings).
     */
    static final SnapshotCodec<ReceiptView> CODEC = SnapshotCodec.<ReceiptView>of((r, out) -> {
        ReceiptView.CODEC_V2.write(r, out);
        out.writeBoolean(r.account != null);
        if (r.account != null) {
            out.writeString(r.account);
        }
        out.writeList(r.candidateAccounts, SnapshotCodec.STRING);
    }, in -> ReceiptView.CODEC_V2.read(in).withAccount(in.readBoolean() ? in.readString() : null, in.readList(SnapshotCodec.STRING)));

    /**
     * The layout of {@code store-checkpoint} version 2: seq, shopper, trackIds (list of strings),
     * exitMillis (long?), issuedAtMillis, lines (list of ReceiptLine), needsReview, reviewReasons
     * (list of strings), then (version 2 on) evidence (list of ReviewEvidence), adjusts (long?),
     * adjustment (string?), note (string?).
     */
    static final SnapshotCodec<ReceiptView> CODEC_V2 = SnapshotCodec.of((r, out) -> {
        writeV1(r, out);
        out.writeList(r.evidence, ReviewEvidence.CODEC).writeBoolean(r.adjusts != null);
        if (r.adjusts != null) {
            out.writeLong(r.adjusts).writeString(r.adjustment).writeBoolean(r.note != null);
            if (r.note != null) {
                out.writeString(r.note);
            }
        }
    }, in -> {
        ReceiptView v1 = readV1(in);
        List<ReviewEvidence> evidence = in.readList(ReviewEvidence.CODEC);
        if (!in.readBoolean()) {
            return v1.withReview(evidence, null, null, null);
        }
        return v1.withReview(evidence, in.readLong(), in.readString(), in.readBoolean() ? in.readString() : null);
    });

    /** The layout of {@code store-checkpoint} version 1. */
    static final SnapshotCodec<ReceiptView> CODEC_V1 = SnapshotCodec.of(ReceiptView::writeV1, ReceiptView::readV1);

    public ReceiptView {
        trackIds = List.copyOf(trackIds);
        lines = List.copyOf(lines);
        reviewReasons = List.copyOf(reviewReasons);
        // Receipts written to Redis by an earlier release carry no evidence field.
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        candidateAccounts = candidateAccounts == null ? List.of() : List.copyOf(candidateAccounts);
        if ((adjusts == null) != (adjustment == null)) {
            throw new IllegalArgumentException("adjusts and adjustment go together, but were " + adjusts + " and " + adjustment);
        }
    }

    /** A receipt without an account. */
    ReceiptView(long seq, String shopper, List<String> trackIds, Long exitMillis, long issuedAtMillis,
                List<ReceiptLine> lines, boolean needsReview, List<String> reviewReasons, List<ReviewEvidence> evidence,
                Long adjusts, String adjustment, String note) {
        this(seq, shopper, trackIds, exitMillis, issuedAtMillis, lines, needsReview, reviewReasons, evidence, adjusts,
                adjustment, note, null, List.of());
    }

    /** A receipt of an earlier release's form: issued by the engine, with no evidence. */
    ReceiptView(long seq, String shopper, List<String> trackIds, Long exitMillis, long issuedAtMillis,
                List<ReceiptLine> lines, boolean needsReview, List<String> reviewReasons) {
        this(seq, shopper, trackIds, exitMillis, issuedAtMillis, lines, needsReview, reviewReasons, List.of(), null,
                null, null);
    }

    static ReceiptView of(long seq, Receipt receipt) {
        return new ReceiptView(seq, receipt.shopperId(), receipt.trackIds(),
                receipt.exitMillis() == Long.MIN_VALUE ? null : receipt.exitMillis(), receipt.issuedAtMillis(),
                receipt.lines(), receipt.needsReview(), receipt.reviewReasons(), receipt.evidence(), null, null, null,
                receipt.account(), receipt.candidateAccounts());
    }

    static ReceiptView of(Adjustment adjustment) {
        ReceiptView view = of(adjustment.number(), adjustment.receipt());
        return view.withReview(List.of(), adjustment.adjusts(), adjustment.kind().wireName(),
                adjustment.note().isEmpty() ? null : adjustment.note());
    }

    /** The engine's receipt this view shows, for a desk rebuilt from an earlier release's checkpoint. */
    Receipt toReceipt() {
        return new Receipt(shopper, trackIds, exitMillis == null ? Long.MIN_VALUE : exitMillis, issuedAtMillis, lines,
                needsReview, reviewReasons, evidence, account, candidateAccounts);
    }

    private ReceiptView withReview(List<ReviewEvidence> newEvidence, Long newAdjusts, String newAdjustment, String newNote) {
        return new ReceiptView(seq, shopper, trackIds, exitMillis, issuedAtMillis, lines, needsReview, reviewReasons,
                newEvidence, newAdjusts, newAdjustment, newNote, account, candidateAccounts);
    }

    private ReceiptView withAccount(String newAccount, List<String> newCandidateAccounts) {
        return new ReceiptView(seq, shopper, trackIds, exitMillis, issuedAtMillis, lines, needsReview, reviewReasons,
                evidence, adjusts, adjustment, note, newAccount, newCandidateAccounts);
    }

    private static void writeV1(ReceiptView r, SnapshotWriter out) {
        out.writeLong(r.seq).writeString(r.shopper).writeList(r.trackIds, SnapshotCodec.STRING)
                .writeBoolean(r.exitMillis != null);
        if (r.exitMillis != null) {
            out.writeLong(r.exitMillis);
        }
        out.writeLong(r.issuedAtMillis).writeList(r.lines, ReceiptLine.CODEC).writeBoolean(r.needsReview)
                .writeList(r.reviewReasons, SnapshotCodec.STRING);
    }

    private static ReceiptView readV1(SnapshotReader in) {
        return new ReceiptView(in.readLong(), in.readString(), in.readList(SnapshotCodec.STRING),
                in.readBoolean() ? in.readLong() : null, in.readLong(), in.readList(ReceiptLine.CODEC), in.readBoolean(),
                in.readList(SnapshotCodec.STRING));
    }
}
