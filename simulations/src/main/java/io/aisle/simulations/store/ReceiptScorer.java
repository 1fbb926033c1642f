package io.aisle.simulations.store;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores receipts against the ground truth as in the AutoCheckout competition: precision,
 * recall and F1 over (SKU, quantity) lines, a line counting as correct only when both match.
 *
 * <p>A receipt belongs to the true shopper whose track ids include the receipt's shopper id. A
 * shopper with no receipt has all true lines missed; a second receipt for the same shopper (an
 * identity switch the engine did not link) adds its lines as issued and makes the visit inexact.
 */
public final class ReceiptScorer {

    private ReceiptScorer() {
    }

    public static StoreScore score(GroundTruth truth, List<Receipt> receipts) {
        Map<String, String> shopperByTrack = new HashMap<>();
        truth.trackIds().forEach((shopper, tracks) -> tracks.forEach(t -> shopperByTrack.put(t, shopper)));
        Map<String, List<Receipt>> byShopper = new LinkedHashMap<>();
        int unmatchedLines = 0;
        for (Receipt receipt : receipts) {
            String shopper = shopperByTrack.get(receipt.shopperId());
            if (shopper == null) {
                unmatchedLines += receipt.lines().size();
            } else {
                byShopper.computeIfAbsent(shopper, s -> new ArrayList<>()).add(receipt);
            }
        }
        int trueLines = 0;
        int issuedLines = unmatchedLines;
        int correct = 0;
        int exact = 0;
        int wrongCharge = 0;
        for (Map.Entry<String, Map<String, Integer>> e : truth.receipts().entrySet()) {
            Map<String, Integer> expected = e.getValue();
            trueLines += expected.size();
            List<Receipt> mine = byShopper.getOrDefault(e.getKey(), List.of());
            Map<String, Integer> charged = new HashMap<>();
            for (Receipt receipt : mine) {
                issuedLines += receipt.lines().size();
                for (ReceiptLine line : receipt.lines()) {
                    charged.merge(line.sku(), line.quantity(), Integer::sum);
                }
            }
            if (mine.size() == 1) {
                for (ReceiptLine line : mine.get(0).lines()) {
                    if (line.quantity() == expected.getOrDefault(line.sku(), 0)) {
                        correct++;
                    }
                }
            }
            if (mine.size() == 1 && charged.equals(expected)) {
                exact++;
            }
            if (charged.entrySet().stream().anyMatch(c -> c.getValue() > expected.getOrDefault(c.getKey(), 0))) {
                wrongCharge++;
            }
        }
        int shoppers = truth.receipts().size();
        double precision = issuedLines == 0 ? 1.0 : correct / (double) issuedLines;
        double recall = trueLines == 0 ? 1.0 : correct / (double) trueLines;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        long reviewed = receipts.stream().filter(Receipt::needsReview).count();
        List<Long> latencies = new ArrayList<>();
        for (Receipt receipt : receipts) {
            if (receipt.exitMillis() != Long.MIN_VALUE) {
                latencies.add(receipt.issuedAtMillis() - receipt.exitMillis());
            }
        }
        latencies.sort(Long::compare);
        return new StoreScore(shoppers, receipts.size(), trueLines, issuedLines, correct, precision, recall, f1,
                shoppers == 0 ? 1.0 : exact / (double) shoppers,
                receipts.isEmpty() ? 0.0 : reviewed / (double) receipts.size(),
                shoppers == 0 ? 0.0 : wrongCharge / (double) shoppers,
                percentile(latencies, 0.50), percentile(latencies, 0.95));
    }

    /** Nearest-rank percentile; 0 for an empty list. */
    static long percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
