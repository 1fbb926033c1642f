package io.aisle.fusion.engine;

import io.aisle.fusion.attribution.ShopperTrack;
import io.aisle.fusion.layout.PlateBox;
import io.aisle.fusion.weight.WeightChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who reached for a plate as its weight changed: attribution odds per active shopper from how
 * close their wrists came and how clearly their hands withdrew. Owned by its engine's thread.
 */
final class ReachOdds {

    private static final double MIN_REACH_LIKELIHOOD = 1e-4;
    /** Sightings this long after a change settles show which hand withdrew (see {@link #oddsOf}). */
    private static final long WITHDRAW_FROM_MILLIS = 250;
    static final long WITHDRAW_TO_MILLIS = 650;
    private static final double WITHDRAW_FLOOR = 0.05;

    private final FusionState state;
    private final FusionSettings settings;
    private final PlateBox[] boxes;

    ReachOdds(FusionState state, FusionSettings settings, PlateBox[] boxes) {
        this.state = state;
        this.settings = settings;
        this.boxes = boxes;
    }

    /**
     * Attribution odds per active shopper (insertion order = first appearance), summing to 1; empty
     * when nobody reached. A shopper's likelihood is how close their wrist came to the plate while
     * the weight changed, times how clearly their hands were out of it just after: of two hands in
     * the same plate, the one that took the item withdraws first.
     */
    Map<String, Double> oddsOf(WeightChange change) {
        PlateBox box = boxes[change.plateIndex()];
        Map<String, Double> likelihood = new LinkedHashMap<>();
        double total = 0;
        for (ShopperTrack shopper : state.shoppers.active()) {
            double l = shopper.reachLikelihood(box, change.startMillis(), change.endMillis(),
                    settings.reachDistanceMeters(), settings.reachTimeMillis());
            if (l > MIN_REACH_LIKELIHOOD) {
                l *= shopper.withdrawalLikelihood(box, change.endMillis() + WITHDRAW_FROM_MILLIS,
                        change.endMillis() + WITHDRAW_TO_MILLIS, settings.reachDistanceMeters(), WITHDRAW_FLOOR);
            }
            if (l > MIN_REACH_LIKELIHOOD) {
                likelihood.put(shopper.shopperId(), l);
                total += l;
            }
        }
        Map<String, Double> odds = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : likelihood.entrySet()) {
            odds.put(e.getKey(), e.getValue() / total);
        }
        return odds;
    }

    /** Shoppers by odds, likeliest first. */
    static List<Map.Entry<String, Double>> rank(Map<String, Double> odds) {
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(odds.entrySet());
        // Stable sort: equal odds keep first-appearance order, so ties break the same way every run.
        ranked.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        return ranked;
    }
}
