package io.aisle.fusion.review;

import io.aisle.fusion.cart.ReceiptLine;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reviewer or a shopper asks of one receipt. Requests reach the desk in the store's input
 * order, so every owner of the store decides them alike.
 *
 * @param receiptNumber the flagged receipt (a resolution) or the disputed receipt (a dispute)
 * @param kind {@link AdjustmentKind#CONFIRMED} or {@link AdjustmentKind#CORRECTED} for a
 *     resolution, {@link AdjustmentKind#DISPUTED} for a dispute
 * @param lines the lines the adjusted receipt should have; empty for a confirmation (the original
 *     lines stand), possibly empty otherwise (nothing was bought)
 * @param note free text, empty when none
 * @param decidedAtMillis the server clock when the request was accepted, epoch milliseconds
 * @param account the shopper's account as the reviewer found it (a receipt held for an unbound or
 *     ambiguous entry); null keeps the receipt's account. Resolutions only
 */
public record ReviewRequest(long receiptNumber, AdjustmentKind kind, List<ReceiptLine> lines, String note,
                            long decidedAtMillis, String account) {

    public ReviewRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(note, "note");
        lines = List.copyOf(lines);
        if (receiptNumber < 1) {
            throw new IllegalArgumentException("receiptNumber must be >= 1 but was " + receiptNumber);
        }
        if (kind == AdjustmentKind.CONFIRMED && !lines.isEmpty()) {
            throw new IllegalArgumentException("a confirmation keeps the receipt's lines and names none, but named "
                    + lines.size());
        }
        if (account != null && (kind == AdjustmentKind.DISPUTED || account.isBlank())) {
            throw new IllegalArgumentException("an account is assigned by a reviewer's resolution and is not blank, but was '"
                    + account + "' on a " + kind.wireName() + " request");
        }
    }

    /** A request that keeps the receipt's account. */
    public ReviewRequest(long receiptNumber, AdjustmentKind kind, List<ReceiptLine> lines, String note,
                         long decidedAtMillis) {
        this(receiptNumber, kind, lines, note, decidedAtMillis, null);
    }

    /** The lines this request decides, or empty when the original's stand. */
    Optional<List<ReceiptLine>> decidedLines() {
        return kind == AdjustmentKind.CONFIRMED ? Optional.empty() : Optional.of(lines);
    }

    /** True for a reviewer's resolution, false for a shopper's dispute. */
    public boolean isResolution() {
        return kind != AdjustmentKind.DISPUTED;
    }
}
