package io.aisle.fusion.engine;

import io.aisle.fusion.attribution.ShopperTrack;
import io.aisle.fusion.cart.CartEntry;
import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import io.aisle.fusion.cart.ReviewEvidence;
import io.aisle.fusion.inference.Candidate;
import io.aisle.fusion.inference.ItemEstimate;
import io.aisle.fusion.layout.PlateBox;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.weight.WeightChange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Receipts: the evidence a reviewer would need for each weight event, when a shopper who left may
 * be charged, and the receipt itself with its review reasons. Owned by its engine's thread.
 */
final class ReceiptDesk {

    private static final double NEAR_PLATE_METERS = 0.35;
    /** How many explanations of a weight change a reviewer is shown. */
    private static final int EVIDENCE_CANDIDATES = 3;

    private final FusionState state;
    private final FusionSettings settings;
    private final StoreLayout layout;
    private final PlateBox[] boxes;

    ReceiptDesk(FusionState state, FusionSettings settings, StoreLayout layout, PlateBox[] boxes) {
        this.state = state;
        this.settings = settings;
        this.layout = layout;
        this.boxes = boxes;
    }

    /** Keeps what a reviewer would need to see of this event, for as long as a cart entry refers to it. */
    void noteEvidence(long eventId, WeightChange change, List<ItemEstimate> estimates, Map<String, Double> odds) {
        List<ReviewEvidence.Candidate> candidates = estimates.stream().limit(EVIDENCE_CANDIDATES)
                .map(e -> new ReviewEvidence.Candidate(e.units(), Math.max(0, Math.min(1, e.posterior())))).toList();
        state.evidence.put(eventId, new ReviewEvidence(eventId, layout.plates().get(change.plateIndex()).id(),
                change.endMillis(), change.deltaGrams(), candidates, odds));
    }

    /** The evidence of the shopper's entries that are still open or below the review confidence, oldest first. */
    private List<ReviewEvidence> doubtfulEvidence(String shopperId) {
        Set<Long> events = new LinkedHashSet<>();
        for (CartEntry entry : state.ledger.entries(shopperId)) {
            if (entry.open() || entry.confidence() < settings.reviewConfidence()) {
                events.add(entry.eventId());
            }
        }
        List<ReviewEvidence> found = new ArrayList<>();
        for (long eventId : events) {
            ReviewEvidence evidence = state.evidence.get(eventId);
            if (evidence != null) {
                found.add(evidence);
            }
        }
        return found;
    }

    /** Issues the receipts of shoppers who left and whose changes have all been attributed (or waited long enough). */
    void issueDue(long processedMillis) {
        for (ShopperTrack shopper : state.shoppers.activeSnapshot()) {
            if (!shopper.hasExited() || shopper.exitMillis() > processedMillis) {
                continue;
            }
            boolean waitedLongEnough = processedMillis - shopper.exitMillis() > settings.maxReceiptWaitMillis();
            if (waitedLongEnough || !hasPendingChange(shopper, processedMillis)) {
                issue(shopper, state.queue.maxSeenMillis());
            }
        }
    }

    /** True while a plate this shopper's hands were near is still settling or waiting for attribution. */
    private boolean hasPendingChange(ShopperTrack shopper, long processedMillis) {
        for (WeightChange change : state.settled) {
            if (change.startMillis() <= shopper.exitMillis() && shopper.closestWristMeters(boxes[change.plateIndex()],
                    change.startMillis() - 2_000, processedMillis) < NEAR_PLATE_METERS) {
                return true;
            }
        }
        for (int plate : state.changingPlates) {
            long start = state.detectors[plate].changeStartMillis();
            if (start <= shopper.exitMillis()
                    && shopper.closestWristMeters(boxes[plate], start - 2_000, processedMillis) < NEAR_PLATE_METERS) {
                return true;
            }
        }
        return false;
    }

    /** Issues a shopper's receipt, flagged for review with its reasons and evidence when in doubt, and retires them. */
    void issue(ShopperTrack shopper, long issuedAtMillis) {
        String id = shopper.shopperId();
        List<ReceiptLine> lines = state.ledger.lines(id);
        List<String> reasons = new ArrayList<>();
        if (state.ledger.hasOpenEntries(id)) {
            reasons.add("a pick could not be attributed with certainty between shoppers");
        }
        if (lines.stream().anyMatch(l -> l.confidence() < settings.reviewConfidence())) {
            reasons.add("a line is below the confidence threshold");
        }
        if (!shopper.enteredThroughEntry()) {
            reasons.add("the visit started away from the entry (track not linked)");
        }
        if (!shopper.hasExited()) {
            reasons.add("the shopper was not seen leaving");
        }
        List<ReviewEvidence> evidence = reasons.isEmpty() ? List.of() : doubtfulEvidence(id);
        Receipt receipt = new Receipt(id, shopper.trackIds(), shopper.hasExited() ? shopper.exitMillis() : Long.MIN_VALUE,
                issuedAtMillis, lines, !reasons.isEmpty(), reasons, evidence);
        state.outputs.add(new FusionOutput.ReceiptIssued(receipt));
        state.ledger.close(id);
        // An event split between two shoppers stays explained until the second of them leaves.
        state.evidence.keySet().retainAll(state.ledger.eventIds());
        state.crops.remove(id);
        state.shoppers.retire(id);
        for (String trackId : shopper.trackIds()) {
            state.lastSightingMillis.remove(trackId);
        }
        state.receipts++;
    }
}
