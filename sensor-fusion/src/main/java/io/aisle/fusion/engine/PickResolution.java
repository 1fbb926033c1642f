package io.aisle.fusion.engine;

import io.aisle.fusion.cart.CartEntry;
import io.aisle.fusion.inference.Candidate;
import io.aisle.fusion.inference.ItemEstimate;
import io.aisle.fusion.inference.WeightInference;
import io.aisle.fusion.layout.PlateBox;
import io.aisle.fusion.layout.Product;
import io.aisle.fusion.weight.WeightChange;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks: a settled weight loss explained by the live planogram (or as the re-pick of a put-back,
 * or a lean letting go), weighed with the recognizer's evidence, and charged to the likeliest
 * shopper, split between two hands, or left open below the decisive odds. Owned by its engine's thread.
 */
final class PickResolution {

    /** A pick this soon after a put-back on the same plate, of the same weight, takes the same units again. */
    private static final long REPICK_WINDOW_MILLIS = 8_000;
    /** A multi-unit pick whose second likeliest shopper has these odds was two hands taking at once. */
    private static final double SPLIT_ODDS = 0.3;
    /** Confidence of a split between two hands: likelier than either alone, still worth a look. */
    private static final double SPLIT_CONFIDENCE = 0.6;

    private final FusionState state;
    private final FusionSettings settings;
    private final Map<String, Product> products;
    private final PlateBox[] boxes;
    private final WeightInference inference;
    private final RecognizerEvidence evidence;
    private final ReceiptDesk desk;
    private final CartUpdates carts;

    PickResolution(FusionState state, FusionSettings settings, Map<String, Product> products, PlateBox[] boxes,
            RecognizerEvidence evidence, ReceiptDesk desk, CartUpdates carts) {
        this.state = state;
        this.settings = settings;
        this.products = products;
        this.boxes = boxes;
        this.inference = new WeightInference(settings.maxUnitsPerEvent(), settings.extraUnitPrior(), settings.maxZScore());
        this.evidence = evidence;
        this.desk = desk;
        this.carts = carts;
    }

    /** Explains a weight loss and charges it to the likeliest shopper (or two hands), or leaves it open. */
    void resolve(WeightChange change, Map<String, Double> odds) {
        int plate = change.plateIndex();
        double grams = -change.deltaGrams();
        if (releasesLean(plate, grams, change.deltaStdDevGrams())) {
            return;
        }
        List<ItemEstimate> estimates = repickOfRecentPut(change, grams);
        if (estimates.isEmpty()) {
            List<Candidate> candidates = state.planogram.pickCandidates(plate, products, settings.maxUnitsPerEvent());
            estimates = inference.infer(grams, change.deltaStdDevGrams(), candidates);
        }
        if (estimates.isEmpty() || odds.isEmpty()) {
            state.unexplained++;
            return;
        }
        List<Map.Entry<String, Double>> ranked = ReachOdds.rank(odds);
        estimates = evidence.weigh(estimates, change, ranked.get(0).getKey());
        ItemEstimate best = estimates.get(0);
        state.weightEvents++;
        long eventId = state.nextEventId++;
        desk.noteEvidence(eventId, change, estimates, odds);
        Set<String> touched = new LinkedHashSet<>();
        if (ranked.size() >= 2 && ranked.get(1).getValue() >= SPLIT_ODDS && best.isSingleSku() && best.totalUnits() >= 2) {
            // Two hands withdrew from the plate as it lost several units: one unit each, the rest to the likelier.
            String sku = best.units().firstKey();
            carts.add(ranked.get(1).getKey(), new CartEntry(eventId, plate, sku, 1, best.posterior() * SPLIT_CONFIDENCE,
                    change.endMillis(), odds, false, Double.NaN), touched);
            carts.add(ranked.get(0).getKey(), new CartEntry(eventId, plate, sku, best.totalUnits() - 1,
                    best.posterior() * SPLIT_CONFIDENCE, change.endMillis(), odds, false, Double.NaN), touched);
            state.planogram.apply(plate, sku, -best.totalUnits());
            carts.announce(touched, change.endMillis());
            return;
        }
        String shopper = ranked.get(0).getKey();
        double top = ranked.get(0).getValue();
        boolean open = top < settings.decisiveOdds();
        if (open) {
            state.openHypotheses++;
        } else {
            noteSkew(shopper, change);
        }
        double measured = best.isSingleSku() ? grams / best.totalUnits() : Double.NaN;
        best.units().forEach((sku, units) -> carts.add(shopper, new CartEntry(eventId, plate, sku, units,
                best.posterior() * top, change.endMillis(), odds, open, measured), touched));
        best.units().forEach((sku, units) -> state.planogram.apply(plate, sku, -units));
        carts.announce(touched, change.endMillis());
    }

    /** The units of the plate's last put-back when this pick has its weight and follows it closely; else empty. */
    private List<ItemEstimate> repickOfRecentPut(WeightChange change, double grams) {
        RecentPut put = state.recentPuts.get(change.plateIndex());
        if (put == null || change.startMillis() - put.endMillis() > REPICK_WINDOW_MILLIS) {
            return List.of();
        }
        double sd = Math.hypot(put.stdDevGrams(), change.deltaStdDevGrams());
        if (Math.abs(grams - put.grams()) > 3.5 * sd + 2) {
            return List.of();
        }
        state.recentPuts.remove(change.plateIndex());
        return List.of(put.units());
    }

    /** A pick that takes away what an earlier unexplained put (a lean) added is the lean letting go. */
    private boolean releasesLean(int plate, double grams, double sd) {
        double leaned = state.unexplainedGrams[plate];
        if (leaned <= 0) {
            return false;
        }
        if (Math.abs(grams - leaned) <= 5 * sd + 0.03 * leaned + settings.minChangeGrams()) {
            state.unexplainedGrams[plate] = 0;
            return true;
        }
        return false;
    }

    private void noteSkew(String shopperId, WeightChange change) {
        state.shoppers.findActive(shopperId).ifPresent(shopper -> {
            long mid = (change.startMillis() + change.endMillis()) / 2;
            long approach = shopper.closestApproachMillis(boxes[change.plateIndex()], change.startMillis() - 1_500,
                    change.endMillis() + ReachOdds.WITHDRAW_TO_MILLIS);
            if (approach != Long.MIN_VALUE) {
                state.skew.add(approach - mid);
            }
        });
    }
}
