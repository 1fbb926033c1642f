package io.aisle.simulations.store;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Receipts as plain text, one line a receipt, so that two runs of the same store can be compared
 * receipt by receipt with {@code diff}: the in-process benchmark's and a server's for the same seed.
 *
 * <p>A line holds the exit time on the simulator's clock, the shopper and track ids, the review flag
 * with its reasons, and each receipt line's SKU, quantity and confidence (4 decimals). The time the
 * receipt was issued is left out: a server issues on its own schedule. Receipts are sorted by exit
 * time, then shopper, so the order in which a client happened to read them does not matter.
 * Example:
 * <pre>
 * exit=412066 shopper=t7 tracks=t7 review=false lines=sku-014 x1 @0.9871,sku-203 x2 @1.0000
 * </pre>
 */
public final class ReceiptListing {

    private ReceiptListing() {
    }

    /**
     * The listing of {@code receipts}.
     *
     * @param clockOffsetMillis how far the receipts' clock runs ahead of the simulator's (0 in process; a live
     *     run moves its posted times); subtracted from every exit time
     */
    public static List<String> lines(List<Receipt> receipts, long clockOffsetMillis) {
        List<Receipt> sorted = new ArrayList<>(receipts);
        sorted.sort(Comparator.comparingLong(Receipt::exitMillis).thenComparing(Receipt::shopperId));
        List<String> lines = new ArrayList<>(sorted.size());
        for (Receipt receipt : sorted) {
            String exit = receipt.exitMillis() == Long.MIN_VALUE ? "none"
                    : Long.toString(receipt.exitMillis() - clockOffsetMillis);
            String items = receipt.lines().isEmpty() ? "nothing" : receipt.lines().stream()
                    .map(ReceiptListing::item).collect(Collectors.joining(","));
            StringBuilder line = new StringBuilder("exit=").append(exit)
                    .append(" shopper=").append(receipt.shopperId())
                    .append(" tracks=").append(String.join(",", receipt.trackIds()))
                    .append(" review=").append(receipt.needsReview());
            if (!receipt.reviewReasons().isEmpty()) {
                line.append(" reasons=").append(String.join(";", receipt.reviewReasons()).replace(' ', '_'));
            }
            lines.add(line.append(" lines=").append(items).toString());
        }
        return lines;
    }

    /** Writes {@link #lines} to {@code file}, one receipt a line. */
    public static void write(Path file, List<Receipt> receipts, long clockOffsetMillis) throws IOException {
        Files.write(file, lines(receipts, clockOffsetMillis));
    }

    private static String item(ReceiptLine line) {
        return String.format(Locale.ROOT, "%s x%d @%.4f", line.sku(), line.quantity(), line.confidence());
    }
}
