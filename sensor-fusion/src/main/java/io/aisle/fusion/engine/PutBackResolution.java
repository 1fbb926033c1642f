package io.aisle.fusion.engine;

import io.aisle.fusion.cart.CartEntry;
import io.aisle.fusion.inference.Candidate;
import io.aisle.fusion.inference.ItemEstimate;
import io.aisle.fusion.inference.WeightInference;
import io.aisle.fusion.layout.Product;
import io.aisle.fusion.weight.WeightChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Put-backs: a settled weight gain explained by what the nearby shoppers hold (or may hold, by
 * open picks), weighed with the recognizer's evidence, and credited to the shopper who put it
 * back, which may decide an open pick. Owned by its engine's thread.
 */
final class PutBackResolution {

    /** Prior odds of a put-back onto the plate the product belongs to, against any other plate. */
    private static final double HOME_PLATE_PRIOR = 4.0;
    /** Spread of a unit's weight as measured once by a load cell (noise of two levels, a little slack). */
    private static final double MEASURED_UNIT_STD_DEV_GRAMS = 2.0;

    private final FusionState state;
    private final Map<String, Product> products;
    private final WeightInference putInference;
    private final RecognizerEvidence evidence;
    private final ReceiptDesk desk;
    private final CartUpdates carts;

    PutBackResolution(FusionState state, FusionSettings settings, Map<String, Product> products,
            RecognizerEvidence evidence, ReceiptDesk desk, CartUpdates carts) {
        this.state = state;
        this.products = products;
        // Put-backs are nearly always one unit, and a lean must not pass for one: a tighter model.
        this.putInference = new WeightInference(2, settings.extraUnitPrior() * 0.4, Math.min(4.5, settings.maxZScore()));
        this.evidence = evidence;
        this.desk = desk;
        this.carts = carts;
    }

    /** Explains a weight gain by what nearby shoppers hold and credits it to who put it back. */
    void resolve(WeightChange change, Map<String, Double> odds) {
        int plate = change.plateIndex();
        double grams = change.deltaGrams();
        List<ItemEstimate> estimates = putInference.infer(grams, change.deltaStdDevGrams(), putCandidates(plate, odds));
        if (estimates.isEmpty()) {
            state.unexplainedGrams[plate] += grams;
            state.unexplained++;
            return;
        }
        if (!odds.isEmpty()) {
            estimates = evidence.weigh(estimates, change, ReachOdds.rank(odds).get(0).getKey());
        }
        ItemEstimate best = estimates.get(0);
        state.recentPuts.put(plate, new RecentPut(change.endMillis(), grams, change.deltaStdDevGrams(), best));
        state.weightEvents++;
        long eventId = state.nextEventId++;
        desk.noteEvidence(eventId, change, estimates, odds);
        Set<String> touched = new LinkedHashSet<>();
        for (Map.Entry<String, Integer> line : best.units().entrySet()) {
            String sku = line.getKey();
            int units = line.getValue();
            ShopperChoice choice = chooseReturner(sku, units, odds, touched);
            if (choice == null) {
                continue;
            }
            carts.add(choice.shopperId(), new CartEntry(eventId, plate, sku, -units, best.posterior() * choice.odds(),
                    change.endMillis(), odds, false, Double.NaN), touched);
            state.planogram.apply(plate, sku, units);
        }
        carts.announce(touched, change.endMillis());
    }

    private record ShopperChoice(String shopperId, double odds) {
    }

    /**
     * Who put back {@code units} of {@code sku}: the likeliest nearby shopper who holds them; if the
     * likeliest nearby shopper holds none but is named in another cart's open pick of that SKU,
     * that pick was theirs (the put-back decides the hypothesis); failing both, any holder.
     */
    private ShopperChoice chooseReturner(String sku, int units, Map<String, Double> odds, Set<String> touched) {
        for (Map.Entry<String, Double> e : ReachOdds.rank(odds)) {
            String shopper = e.getKey();
            if (state.ledger.units(shopper, sku) >= units) {
                return new ShopperChoice(shopper, e.getValue());
            }
            for (String holder : state.ledger.holdersOf(sku)) {
                Optional<CartEntry> open = state.ledger.findOpenPick(holder, sku, shopper);
                if (open.isPresent()) {
                    CartEntry pick = open.get();
                    double inferred = pick.confidence() / Math.max(1e-9, pick.shopperOdds().getOrDefault(holder, 1.0));
                    state.ledger.move(holder, pick, shopper, pick.resolved(Math.min(1, inferred)));
                    state.resolvedHypotheses++;
                    touched.add(holder);
                    return new ShopperChoice(shopper, e.getValue());
                }
            }
        }
        List<String> holders = state.ledger.holdersOf(sku);
        if (holders.isEmpty()) {
            return null;
        }
        Map<String, Double> nearHolders = new LinkedHashMap<>();
        for (String holder : holders) {
            nearHolders.put(holder, odds.getOrDefault(holder, 0.0));
        }
        Map.Entry<String, Double> best = ReachOdds.rank(nearHolders).get(0);
        return new ShopperChoice(best.getKey(), odds.isEmpty() ? 0.5 : Math.max(0.5, best.getValue()));
    }

    /**
     * What the nearby shoppers may be putting back: what their carts hold, and what open picks say
     * they may hold; a product going back to its own plate is likelier than a misplacement. When
     * every held unit of a SKU was weighed on its own as it was taken, each is a candidate of that
     * measured weight: the same pack put back weighs what it weighed then, which tells apart
     * products of the same nominal weight.
     */
    private List<Candidate> putCandidates(int plate, Map<String, Double> odds) {
        Map<String, Integer> available = new TreeMap<>();
        Map<String, Double> prior = new TreeMap<>();
        Map<String, List<Double>> measured = new TreeMap<>();
        for (Map.Entry<String, Double> e : odds.entrySet()) {
            String shopper = e.getKey();
            state.ledger.holdings(shopper).forEach((sku, units) -> {
                available.merge(sku, units, Math::max);
                prior.merge(sku, e.getValue() * units, Double::sum);
                List<Double> weighed = state.ledger.entries(shopper, sku).stream()
                        .filter(c -> c.units() == 1 && !Double.isNaN(c.measuredGramsPerUnit()))
                        .map(CartEntry::measuredGramsPerUnit).toList();
                if (weighed.size() == units && !measured.containsKey(sku)) {
                    measured.put(sku, weighed);
                }
            });
            for (CartEntry open : state.ledger.openPicksNaming(shopper)) {
                available.merge(open.sku(), open.units(), Math::max);
                prior.merge(open.sku(), e.getValue() * open.units() * open.shopperOdds().get(shopper), Double::sum);
            }
        }
        prior.replaceAll((sku, p) -> state.planogram.isAssigned(plate, sku) ? p * HOME_PLATE_PRIOR : p);
        List<Candidate> candidates = new ArrayList<>();
        available.forEach((sku, units) -> {
            Product p = products.get(sku);
            double skuPrior = Math.max(1e-6, prior.get(sku));
            List<Double> weighed = measured.get(sku);
            if (weighed != null && weighed.size() == units) {
                for (double grams : weighed) {
                    candidates.add(new Candidate(sku, grams, MEASURED_UNIT_STD_DEV_GRAMS, 1, skuPrior / units));
                }
            } else {
                candidates.add(new Candidate(sku, p.unitWeightGrams(), p.weightStdDevGrams(), units, skuPrior));
            }
        });
        return candidates;
    }
}
