package io.aisle.fusion.review;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotReader;
import io.aisle.vision.snapshot.SnapshotWriter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One store's receipt desk: the receipts issued lately (so a shopper may dispute them), the flagged
 * ones still waiting for a reviewer, and which receipt adjusted which. Every request is answered by
 * a new, adjusted receipt, never by changing one already issued, and a receipt is adjusted at most
 * once (an adjusted receipt may itself be disputed).
 *
 * <p>Open reviews are kept until resolved, however old; of the other receipts only the latest
 * {@code retainedReceipts}. Which receipt adjusted which is kept for good (two numbers each) so a
 * second resolution of the same review is told apart from an unknown one.
 *
 * <p>Not thread-safe: owned by the store's owner thread, like the engine.
 */
public final class ReviewDesk {

    /**
     * The codec of a desk that keeps {@code retainedReceipts} receipts (a setting, not part of the
     * bytes): receipts (count, then number long and Receipt each, oldest first), open reviews (count,
     * then number long and Receipt each, oldest first), adjustments (count, then adjusted number long
     * and adjusting number long each, in the order they were made). A desk read with a smaller
     * setting than it was written with keeps the latest receipts only.
     */
    public static SnapshotCodec<ReviewDesk> codec(int retainedReceipts) {
        return codec(retainedReceipts, Receipt.CODEC);
    }

    /** The codec of a desk written before receipts carried accounts ({@link Receipt#CODEC_V2}). */
    public static SnapshotCodec<ReviewDesk> codecV2(int retainedReceipts) {
        return codec(retainedReceipts, Receipt.CODEC_V2);
    }

    private static SnapshotCodec<ReviewDesk> codec(int retainedReceipts, SnapshotCodec<Receipt> receiptCodec) {
        return SnapshotCodec.of((desk, out) -> desk.write(out, receiptCodec),
                in -> read(in, new ReviewDesk(retainedReceipts), receiptCodec));
    }

    private final int retainedReceipts;
    private final LinkedHashMap<Long, Receipt> receipts = new LinkedHashMap<>();
    private final LinkedHashMap<Long, Receipt> openReviews = new LinkedHashMap<>();
    private final LinkedHashMap<Long, Long> adjustedBy = new LinkedHashMap<>();

    public ReviewDesk(int retainedReceipts) {
        if (retainedReceipts < 1) {
            throw new IllegalArgumentException("retainedReceipts must be >= 1 but was " + retainedReceipts);
        }
        this.retainedReceipts = retainedReceipts;
    }

    /** Takes note of a receipt the engine issued under {@code number}; opens a review when it needs one. */
    public void issued(long number, Receipt receipt) {
        keep(number, receipt);
        if (receipt.needsReview()) {
            openReviews.put(number, receipt);
        }
    }

    /** The flagged receipts waiting for a reviewer, by number, oldest first. */
    public Map<Long, Receipt> openReviews() {
        return new LinkedHashMap<>(openReviews);
    }

    /** The receipt that adjusted receipt {@code number}, if one did. */
    public Optional<Long> findAdjustment(long number) {
        return Optional.ofNullable(adjustedBy.get(number));
    }

    /**
     * Decides a request. A resolution needs an open review of that number; a dispute needs a
     * receipt the desk still keeps (an open review counts). Either way a receipt adjusted before is
     * refused with the number of its adjustment, so a request sent twice is applied once.
     *
     * @param nextNumber the number the adjusted receipt gets, above every number issued so far
     */
    public ReviewDecision decide(ReviewRequest request, long nextNumber) {
        long number = request.receiptNumber();
        Long previous = adjustedBy.get(number);
        if (previous != null) {
            return new ReviewDecision.AlreadyAdjusted(previous);
        }
        Receipt original = request.isResolution() ? openReviews.get(number)
                : Optional.ofNullable(openReviews.get(number)).orElse(receipts.get(number));
        if (original == null) {
            return new ReviewDecision.Unknown();
        }
        List<ReceiptLine> lines = request.decidedLines().orElse(original.lines()).stream()
                .map(line -> new ReceiptLine(line.sku(), line.quantity(), 1.0))
                .sorted(Comparator.comparing(ReceiptLine::sku)).toList();
        // A reviewer who names the account settles an unbound or ambiguous entry; otherwise it stays.
        String account = request.account() != null ? request.account() : original.account();
        Receipt adjusted = new Receipt(original.shopperId(), original.trackIds(), original.exitMillis(),
                request.decidedAtMillis(), lines, false, List.of(), List.of(), account, List.of());
        Adjustment adjustment = new Adjustment(nextNumber, number, request.kind(), request.decidedAtMillis(),
                request.note(), adjusted);
        openReviews.remove(number);
        adjustedBy.put(number, nextNumber);
        keep(nextNumber, adjusted);
        return new ReviewDecision.Adjusted(adjustment);
    }

    private void keep(long number, Receipt receipt) {
        receipts.put(number, receipt);
        while (receipts.size() > retainedReceipts) {
            Long oldest = receipts.keySet().iterator().next();
            receipts.remove(oldest);
        }
    }

    private void write(SnapshotWriter out, SnapshotCodec<Receipt> receiptCodec) {
        writeNumbered(receipts, out, receiptCodec);
        writeNumbered(openReviews, out, receiptCodec);
        out.writeInt(adjustedBy.size());
        adjustedBy.forEach((adjusted, by) -> out.writeLong(adjusted).writeLong(by));
    }

    private static ReviewDesk read(SnapshotReader in, ReviewDesk desk, SnapshotCodec<Receipt> receiptCodec) {
        readNumbered(in, receiptCodec).forEach(desk::keep);
        desk.openReviews.putAll(readNumbered(in, receiptCodec));
        int adjustments = in.readInt();
        if (adjustments < 0) {
            throw in.corrupt("negative adjustment count " + adjustments);
        }
        for (int i = 0; i < adjustments; i++) {
            desk.adjustedBy.put(in.readLong(), in.readLong());
        }
        return desk;
    }

    private static void writeNumbered(Map<Long, Receipt> numbered, SnapshotWriter out,
            SnapshotCodec<Receipt> receiptCodec) {
        out.writeInt(numbered.size());
        numbered.forEach((number, receipt) -> receiptCodec.write(receipt, out.writeLong(number)));
    }

    private static Map<Long, Receipt> readNumbered(SnapshotReader in, SnapshotCodec<Receipt> receiptCodec) {
        int count = in.readInt();
        if (count < 0) {
            throw in.corrupt("negative receipt count " + count);
        }
        Map<Long, Receipt> numbered = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            numbered.put(in.readLong(), receiptCodec.read(in));
        }
        return numbered;
    }
}
