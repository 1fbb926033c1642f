package io.aisle.fusion.cart;

import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotReader;
import io.aisle.vision.snapshot.SnapshotWriter;
import java.util.ArrayList;
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
 * @param account the shopper's account, bound at the entry gate; null when the visit is unbound or
 *     the binding was ambiguous (the engine's own receipts carry none: the store pipeline binds)
 * @param candidateAccounts the accounts that may be this shopper's when the binding was ambiguous;
 *     empty otherwise
 */
public record Receipt(String shopperId, List<String> trackIds, long exitMillis, long issuedAtMillis,
                      List<ReceiptLine> lines, boolean needsReview, List<String> reviewReasons,
                      List<ReviewEvidence> evidence, String account, List<String> candidateAccounts) {

    /**
     * shopperId, trackIds (list of strings), exitMillis, issuedAtMillis, lines (list of ReceiptLine),
     * needsReview, reviewReasons (list of strings), evidence (list of ReviewEvidence), account
     * (string?), candidateAccounts (list of strings).
     */
    public static final SnapshotCodec<Receipt> CODEC = SnapshotCodec.of((r, out) -> {
        writeWithoutAccount(r, out);
        out.writeBoolean(r.account != null);
        if (r.account != null) {
            out.writeString(r.account);
        }
        out.writeList(r.candidateAccounts, SnapshotCodec.STRING);
    }, in -> readWithoutAccount(in).withAccount(in.readBoolean() ? in.readString() : null,
            in.readList(SnapshotCodec.STRING)));

    /**
     * The layout before receipts carried accounts: of {@code fusion-engine} version 2 (the engine's
     * receipts, which never carry one) and of the review desk in {@code store-checkpoint} version 2.
     */
    public static final SnapshotCodec<Receipt> CODEC_V2 = SnapshotCodec.of(Receipt::writeWithoutAccount,
            Receipt::readWithoutAccount);

    /** The layout of {@code fusion-engine} version 1, before receipts held their evidence. */
    public static final SnapshotCodec<Receipt> CODEC_V1 = SnapshotCodec.of(Receipt::writeWithoutEvidence,
            Receipt::readWithoutEvidence);

    public Receipt {
        Objects.requireNonNull(shopperId, "shopperId");
        trackIds = List.copyOf(trackIds);
        lines = List.copyOf(lines);
        reviewReasons = List.copyOf(reviewReasons);
        evidence = List.copyOf(evidence);
        candidateAccounts = List.copyOf(candidateAccounts);
        if (account != null && !candidateAccounts.isEmpty()) {
            throw new IllegalArgumentException("a bound receipt has no candidate accounts, but had " + candidateAccounts);
        }
    }

    /** A receipt without an account. */
    public Receipt(String shopperId, List<String> trackIds, long exitMillis, long issuedAtMillis,
                   List<ReceiptLine> lines, boolean needsReview, List<String> reviewReasons,
                   List<ReviewEvidence> evidence) {
        this(shopperId, trackIds, exitMillis, issuedAtMillis, lines, needsReview, reviewReasons, evidence, null,
                List.of());
    }

    /** A receipt without evidence. */
    public Receipt(String shopperId, List<String> trackIds, long exitMillis, long issuedAtMillis,
                   List<ReceiptLine> lines, boolean needsReview, List<String> reviewReasons) {
        this(shopperId, trackIds, exitMillis, issuedAtMillis, lines, needsReview, reviewReasons, List.of());
    }

    public Receipt withEvidence(List<ReviewEvidence> newEvidence) {
        return new Receipt(shopperId, trackIds, exitMillis, issuedAtMillis, lines, needsReview, reviewReasons, newEvidence,
                account, candidateAccounts);
    }

    public Receipt withAccount(String newAccount, List<String> newCandidateAccounts) {
        return new Receipt(shopperId, trackIds, exitMillis, issuedAtMillis, lines, needsReview, reviewReasons, evidence,
                newAccount, newCandidateAccounts);
    }

    /** This receipt flagged for review, {@code reason} added to its reasons. */
    public Receipt withReviewReason(String reason) {
        List<String> reasons = new ArrayList<>(reviewReasons);
        reasons.add(reason);
        return new Receipt(shopperId, trackIds, exitMillis, issuedAtMillis, lines, true, reasons, evidence, account,
                candidateAccounts);
    }

    private static void writeWithoutAccount(Receipt r, SnapshotWriter out) {
        writeWithoutEvidence(r, out);
        out.writeList(r.evidence, ReviewEvidence.CODEC);
    }

    private static Receipt readWithoutAccount(SnapshotReader in) {
        return readWithoutEvidence(in).withEvidence(in.readList(ReviewEvidence.CODEC));
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
