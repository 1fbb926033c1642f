package io.aisle.simulations.store;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.pipeline.StorePipeline;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the receipts of a session were bound to the accounts the shoppers scanned in with.
 *
 * @param bound receipts that carry an account
 * @param ambiguous receipts held for review because their shopper entered together with another
 * @param unbound receipts held for review because no entry matched their visit
 * @param correct bound receipts whose account is their true shopper's
 * @param accuracy correct over bound; 1 when nothing was bound
 */
public record AccountScore(int bound, int ambiguous, int unbound, int correct, double accuracy) {

    /**
     * Scores receipts against the shoppers' true accounts. A receipt belongs to the true shopper
     * whose track ids include the receipt's shopper id (as in {@link ReceiptScorer}); a bound
     * receipt of no true shopper counts as wrong.
     */
    public static AccountScore score(GroundTruth truth, List<Receipt> receipts) {
        Map<String, String> shopperByTrack = new HashMap<>();
        truth.trackIds().forEach((shopper, tracks) -> tracks.forEach(t -> shopperByTrack.put(t, shopper)));
        int bound = 0;
        int ambiguous = 0;
        int unbound = 0;
        int correct = 0;
        for (Receipt receipt : receipts) {
            if (receipt.account() != null) {
                bound++;
                String shopper = shopperByTrack.get(receipt.shopperId());
                if (shopper != null && receipt.account().equals(truth.accounts().get(shopper))) {
                    correct++;
                }
            } else if (receipt.reviewReasons().contains(StorePipeline.AMBIGUOUS_ENTRY)) {
                ambiguous++;
            } else if (receipt.reviewReasons().contains(StorePipeline.UNBOUND)) {
                unbound++;
            }
        }
        return new AccountScore(bound, ambiguous, unbound, correct, bound == 0 ? 1.0 : correct / (double) bound);
    }

    /** Receipts held for review for their account, over all receipts scored. */
    public double heldShare(int receipts) {
        return receipts == 0 ? 0.0 : (ambiguous + unbound) / (double) receipts;
    }
}
