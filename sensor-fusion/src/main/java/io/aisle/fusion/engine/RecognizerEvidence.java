package io.aisle.fusion.engine;

import io.aisle.fusion.inference.ItemEstimate;
import io.aisle.fusion.weight.WeightChange;
import io.aisle.vision.recognition.ProductRecognizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the product recognizer adds to a weight change: the hand crops kept per shopper, and the
 * reweighing of weight's hypotheses by what the crops around the change show. Owned by its
 * engine's thread.
 */
final class RecognizerEvidence {

    /** Hand crops kept per shopper for the recognizer. */
    private static final int CROPS_PER_SHOPPER = 8;
    /** A hypothesis at or above this posterior from weight alone is plausible, and worth a look at the crops. */
    private static final double PLAUSIBLE_POSTERIOR = 1e-3;
    /**
     * Share of crops that show none of the units a change moved (another item in the hand, a frame
     * from the next reach): the recognizer's answer on such a crop says nothing, so no single crop
     * can veto a hypothesis.
     */
    private static final double CROP_MISS_RATE = 0.02;
    /** Hand crops this long before a change starts or after it ends still show what it moved. */
    private static final long CROP_WINDOW_MILLIS = 600;

    private final FusionState state;
    private final Optional<ProductRecognizer> recognizer;

    RecognizerEvidence(FusionState state, Optional<ProductRecognizer> recognizer) {
        this.state = state;
        this.recognizer = recognizer;
    }

    /** Keeps a released crop (its time now on the shelf clock) for the shopper whose track it shows. */
    void keep(KeptCrop crop, long shelfTimeMillis) {
        state.shoppers.findActiveByTrack(crop.trackId()).ifPresent(shopper -> {
            List<KeptCrop> mine = state.crops.computeIfAbsent(shopper.shopperId(), id -> new ArrayList<>());
            mine.add(new KeptCrop(crop.trackId(), shelfTimeMillis, crop.imageBytes()));
            if (mine.size() > CROPS_PER_SHOPPER) {
                mine.remove(0);
            }
        });
    }

    /**
     * When weight leaves more than one plausible hypothesis naming different products (look-alikes
     * on one plate, a mixed grab of look-alikes, a put-back of one of two look-alikes the shopper
     * holds), weighs each by what the shopper's hand crops around the change show:
     * posterior(h) ∝ posterior_weight(h) × Π_crops P(crop | h), renormalised over the plausible
     * hypotheses. Hypotheses naming one product only, or differing only in how many units, are left
     * as they are (a crop tells what, not how many).
     *
     * <p>The recognizer's probabilities are read as calibrated class probabilities under a uniform
     * prior over the candidates it is given, so P(crop | sku) ∝ p(sku | crop). A crop shows one of
     * the moved units, each alike likely, so P(crop | h) ∝ Σ_sku (units_h(sku) / units_h) ×
     * p(sku | crop), mixed with {@value #CROP_MISS_RATE} of a uniform answer for a crop that shows
     * none of them. Example: crops LEMON, LIME against a two-unit grab give {LEMON 2} and {LIME 2}
     * about 0.98 × 0.02 each and {LEMON 1, LIME 1} about 0.5 × 0.5; crops LEMON, LEMON give
     * {LEMON 2} about 0.98² against 0.5² for the mix. A flat answer leaves every hypothesis where
     * weight put it.
     */
    List<ItemEstimate> weigh(List<ItemEstimate> estimates, WeightChange change, String shopperId) {
        if (recognizer.isEmpty()) {
            return estimates;
        }
        List<ItemEstimate> plausible = estimates.stream().filter(e -> e.posterior() >= PLAUSIBLE_POSTERIOR).toList();
        Set<String> skus = new TreeSet<>();
        plausible.forEach(e -> skus.addAll(e.units().keySet()));
        if (plausible.size() < 2 || skus.size() < 2) {
            return estimates;
        }
        List<KeptCrop> crops = cropsNear(shopperId, change);
        if (crops.isEmpty()) {
            return estimates;
        }
        List<String> candidates = List.copyOf(skus);
        double[] logScores = new double[plausible.size()];
        for (int i = 0; i < logScores.length; i++) {
            logScores[i] = Math.log(plausible.get(i).posterior());
        }
        for (KeptCrop crop : crops) {
            Map<String, Double> seen = recognizer.get().classify(crop.imageBytes(), candidates);
            for (int i = 0; i < logScores.length; i++) {
                logScores[i] += Math.log(cropLikelihood(plausible.get(i), seen, candidates.size()));
            }
        }
        double maxLog = Arrays.stream(logScores).max().orElseThrow();
        double total = 0;
        for (double logScore : logScores) {
            total += Math.exp(logScore - maxLog);
        }
        List<ItemEstimate> reweighed = new ArrayList<>(plausible.size());
        for (int i = 0; i < logScores.length; i++) {
            ItemEstimate e = plausible.get(i);
            reweighed.add(new ItemEstimate(e.units(), Math.exp(logScores[i] - maxLog) / total, e.zScore()));
        }
        reweighed.sort(Comparator.comparingDouble(ItemEstimate::posterior).reversed()
                .thenComparing(e -> e.units().toString()));
        return reweighed;
    }

    /** P(crop | units), up to a factor common to all hypotheses (see {@link #weigh}). */
    private static double cropLikelihood(ItemEstimate units, Map<String, Double> seen, int candidates) {
        double shown = 0;
        for (Map.Entry<String, Integer> e : units.units().entrySet()) {
            shown += e.getValue() * seen.getOrDefault(e.getKey(), 0.0);
        }
        shown /= units.totalUnits();
        return (1 - CROP_MISS_RATE) * shown + CROP_MISS_RATE / candidates;
    }

    /** The shopper's crops taken while the change happened, give or take {@value #CROP_WINDOW_MILLIS} ms, oldest first. */
    private List<KeptCrop> cropsNear(String shopperId, WeightChange change) {
        List<KeptCrop> near = new ArrayList<>();
        for (KeptCrop crop : state.crops.getOrDefault(shopperId, List.of())) {
            if (crop.timestampMillis() >= change.startMillis() - CROP_WINDOW_MILLIS
                    && crop.timestampMillis() <= change.endMillis() + CROP_WINDOW_MILLIS) {
                near.add(crop);
            }
        }
        return near;
    }
}
