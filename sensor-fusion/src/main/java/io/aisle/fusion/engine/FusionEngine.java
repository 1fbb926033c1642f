package io.aisle.fusion.engine;

import io.aisle.fusion.attribution.ShopperRegistry;
import io.aisle.fusion.attribution.ShopperTrack;
import io.aisle.fusion.attribution.Sighting;
import io.aisle.fusion.cart.CartEntry;
import io.aisle.fusion.cart.CartLedger;
import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import io.aisle.fusion.cart.ReviewEvidence;
import io.aisle.fusion.inference.Candidate;
import io.aisle.fusion.inference.ItemEstimate;
import io.aisle.fusion.inference.WeightInference;
import io.aisle.fusion.layout.Plate;
import io.aisle.fusion.layout.PlateBox;
import io.aisle.fusion.layout.Product;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.planogram.LivePlanogram;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.fusion.time.EventTimeQueue;
import io.aisle.fusion.time.SkewEstimator;
import io.aisle.fusion.weight.PlateChangeDetector;
import io.aisle.fusion.weight.WeightChange;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.recognition.ProductRecognizer;
import io.aisle.vision.snapshot.SnapshotEnvelope;
import io.aisle.vision.snapshot.SnapshotFormatException;
import io.aisle.vision.tracking.TrackedHandCrop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sensor fusion for one store: shelf readings and shopper observations in, cart updates and
 * receipts out.
 *
 * <p>Inputs are ordered by event time through a watermark ({@link FusionSettings#allowedLatenessMillis()});
 * late ones are counted and dropped, repeated samples are ignored. Each plate's load cell runs a
 * {@link PlateChangeDetector}; each settled change is explained by {@link WeightInference} over the
 * live planogram (picks) or the nearby shoppers' carts (put-backs), and attributed to shoppers by
 * how close their wrists came to the plate during the change. An attribution below
 * {@link FusionSettings#decisiveOdds()} stays open until a put-back decides it or the shopper
 * leaves; a shopper's receipt is issued once they are in the exit zone and no weight change
 * their hands were near is still settling. An optional {@link ProductRecognizer} looks at hand
 * crops whenever weight leaves several hypotheses naming different products plausible (picks and
 * put-backs alike); its evidence multiplies the weight posterior.
 *
 * <p>Deterministic: the same inputs in the same order give the same outputs. Not thread-safe:
 * one owner thread per store calls it (for example the consumer that owns the store's
 * partition). {@link #snapshot()} and {@link #restore} checkpoint its whole state.
 */
public final class FusionEngine {

    private static final long RECEIPT_CHECK_MILLIS = 50;
    private static final double NEAR_PLATE_METERS = 0.35;
    private static final double MIN_REACH_LIKELIHOOD = 1e-4;
    /** Sightings this long after a change settles show which hand withdrew (see {@link #reachOdds}). */
    private static final long WITHDRAW_FROM_MILLIS = 250;
    private static final long WITHDRAW_TO_MILLIS = 650;
    private static final double WITHDRAW_FLOOR = 0.05;
    /** A pick this soon after a put-back on the same plate, of the same weight, takes the same units again. */
    private static final long REPICK_WINDOW_MILLIS = 8_000;
    /** A multi-unit pick whose second likeliest shopper has these odds was two hands taking at once. */
    private static final double SPLIT_ODDS = 0.3;
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
    /** Confidence of a split between two hands: likelier than either alone, still worth a look. */
    private static final double SPLIT_CONFIDENCE = 0.6;
    /** Prior odds of a put-back onto the plate the product belongs to, against any other plate. */
    private static final double HOME_PLATE_PRIOR = 4.0;
    /** Spread of a unit's weight as measured once by a load cell (noise of two levels, a little slack). */
    private static final double MEASURED_UNIT_STD_DEV_GRAMS = 2.0;
    /** How many explanations of a weight change a reviewer is shown. */
    private static final int EVIDENCE_CANDIDATES = 3;

    private final StoreLayout layout;
    private final FusionSettings settings;
    private final Map<String, Integer> plateIndex;
    private final Map<String, Product> products;
    private final PlateBox[] boxes;
    private final WeightInference inference;
    private final WeightInference putInference;
    private final Optional<ProductRecognizer> recognizer;
    private FusionState state;

    public FusionEngine(StoreLayout layout, FusionSettings settings) {
        this(layout, settings, Optional.empty(), null);
    }

    /**
     * An engine that asks {@code recognizer} to tell look-alike products apart (weights closer than
     * the load cell can separate, on one plate or between a plate and a shopper's cart) from the
     * hand crops it receives through {@link #accept(TrackedHandCrop)}.
     */
    public FusionEngine(StoreLayout layout, FusionSettings settings, ProductRecognizer recognizer) {
        this(layout, settings, Optional.of(recognizer), null);
    }

    private FusionEngine(StoreLayout layout, FusionSettings settings, Optional<ProductRecognizer> recognizer,
                         FusionState restored) {
        this.layout = layout;
        this.recognizer = recognizer;
        this.settings = settings;
        this.plateIndex = layout.plateIndexById();
        this.products = layout.productsBySku();
        this.boxes = layout.plates().stream().map(Plate::box).toArray(PlateBox[]::new);
        this.inference = new WeightInference(settings.maxUnitsPerEvent(), settings.extraUnitPrior(), settings.maxZScore());
        // Put-backs are nearly always one unit, and a lean must not pass for one: a tighter model.
        this.putInference = new WeightInference(2, settings.extraUnitPrior() * 0.4, Math.min(4.5, settings.maxZScore()));
        this.state = restored != null ? restored : freshState();
    }

    private FusionState freshState() {
        FusionState s = new FusionState();
        int plates = layout.plates().size();
        s.storeId = layout.storeId();
        s.queue = new EventTimeQueue<>(settings.allowedLatenessMillis());
        s.detectors = new PlateChangeDetector[plates];
        for (int i = 0; i < plates; i++) {
            s.detectors[i] = new PlateChangeDetector(i, settings.expectedNoiseGrams(), settings.minChangeGrams(),
                    settings.windowSamples());
        }
        s.lastReadingMillis = new long[plates];
        Arrays.fill(s.lastReadingMillis, Long.MIN_VALUE);
        s.unexplainedGrams = new double[plates];
        s.shoppers = new ShopperRegistry(layout.entry(), layout.exit(), 0.5, 1.5, 3_000);
        s.planogram = new LivePlanogram(layout);
        return s;
    }

    public StoreLayout layout() {
        return layout;
    }

    /**
     * Checks a reading without touching any state.
     *
     * @return the problem in plain words (unknown plate, weight out of the load cell's range), or empty
     */
    public Optional<String> validate(ShelfReading reading) {
        Integer index = plateIndex.get(reading.plateId());
        if (index == null) {
            return Optional.of("unknown plate '" + reading.plateId() + "' in store " + layout.storeId());
        }
        double capacity = layout.plates().get(index).capacityGrams();
        if (Math.abs(reading.grams()) > capacity) {
            return Optional.of("grams of plate '" + reading.plateId() + "' must be within +-" + capacity
                    + " but was " + reading.grams());
        }
        return Optional.empty();
    }

    /**
     * Accepts one load-cell sample.
     *
     * @throws IllegalArgumentException when {@link #validate(ShelfReading)} finds a problem; state is unchanged
     */
    public void accept(ShelfReading reading) {
        Optional<String> problem = validate(reading);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        state.queue.offer(reading.timestampMillis(), reading);
        drain();
    }

    /** Accepts one shopper observation (its time on the observation clock; the configured skew is removed). */
    public void accept(ShopperObservation observation) {
        Sighting sighting = Sighting.of(observation, settings.observationSkewMillis());
        state.queue.offer(sighting.timestampMillis(), sighting);
        drain();
    }

    /**
     * Accepts a hand crop for the product recognizer (its time on the observation clock). Ignored
     * when the engine has no recognizer.
     */
    public void accept(TrackedHandCrop crop) {
        if (recognizer.isPresent()) {
            state.queue.offer(crop.timestampMillis() - settings.observationSkewMillis(),
                    new KeptCrop(crop.trackId(), crop.timestampMillis(), crop.crop().imageBytes()));
            drain();
        }
    }

    /** Moves event time forward without data (a heartbeat), so quiet stores still issue receipts. */
    public void advanceTo(long eventTimeMillis) {
        state.queue.advanceTo(eventTimeMillis);
        drain();
    }

    /**
     * Ends the stream: releases everything queued, settles changes in progress and issues a receipt
     * to every shopper still in the store (flagged for review when they never reached the exit).
     */
    public void finish() {
        state.queue.flush();
        drain();
        for (int plate : new ArrayList<>(state.changingPlates)) {
            state.detectors[plate].forceSettle().ifPresent(state.settled::add);
        }
        state.changingPlates.clear();
        attributeSettled(Long.MAX_VALUE);
        for (ShopperTrack shopper : state.shoppers.activeSnapshot()) {
            issueReceipt(shopper, state.queue.maxSeenMillis());
        }
    }

    /** Removes and returns the outputs produced since the last call, oldest first. */
    public List<FusionOutput> drainOutputs() {
        List<FusionOutput> out = state.outputs;
        state.outputs = new ArrayList<>();
        return out;
    }

    /** The current cart of a shopper still in the store. */
    public Optional<List<ReceiptLine>> findCart(String shopperId) {
        return state.shoppers.findActive(shopperId).map(s -> state.ledger.lines(shopperId));
    }

    /**
     * Every shopper still in the store who has been seen, in order of first appearance, at their
     * last sighting processed (up to the watermark). O(shoppers).
     */
    public List<ShopperPosition> shopperPositions() {
        List<ShopperPosition> positions = new ArrayList<>();
        for (ShopperTrack shopper : state.shoppers.active()) {
            if (shopper.lastSeenMillis() != Long.MIN_VALUE) {
                positions.add(new ShopperPosition(shopper.shopperId(), shopper.latestTrackId(), shopper.lastX(),
                        shopper.lastY(), shopper.lastSeenMillis()));
            }
        }
        return positions;
    }

    /** Units per SKU the engine believes are on a plate now. */
    public Optional<Map<String, Integer>> findPlateContents(String plateId) {
        Integer index = plateIndex.get(plateId);
        return index == null ? Optional.empty() : Optional.of(state.planogram.unitsOn(index));
    }

    /** Event time up to which every input has been processed. */
    public long watermarkMillis() {
        return state.queue.watermarkMillis();
    }

    public FusionStats stats() {
        return new FusionStats(state.queue.lateCount(), state.duplicates, state.weightEvents, state.unexplained,
                state.openHypotheses, state.resolvedHypotheses, state.receipts, state.skew.estimateMillis());
    }

    /**
     * The whole state as bytes (undrained outputs included), in the {@code fusion-engine} snapshot
     * format of {@code SNAPSHOT_FORMAT.md}; restore with the same layout and settings.
     */
    public byte[] snapshot() {
        return SnapshotEnvelope.write(FusionState.KIND, FusionState.VERSION, state, FusionState.CODEC);
    }

    /**
     * Rebuilds an engine from {@link #snapshot()} bytes, or from the Java-serialized snapshots of
     * earlier releases (they start with {@code 0xACED}). Either the whole state is read or no engine
     * is built.
     *
     * @throws IllegalArgumentException when the bytes are not a snapshot of this store; a
     *     {@link SnapshotFormatException} when they are of a newer format version, truncated or corrupt
     */
    public static FusionEngine restore(StoreLayout layout, FusionSettings settings, byte[] snapshot) {
        return restore(layout, settings, Optional.empty(), snapshot);
    }

    /** Like {@link #restore(StoreLayout, FusionSettings, byte[])}, with a product recognizer. */
    public static FusionEngine restore(StoreLayout layout, FusionSettings settings,
                                       Optional<ProductRecognizer> recognizer, byte[] snapshot) {
        byte[] current = SnapshotEnvelope.isJavaSerialized(snapshot) ? LegacyFusionSnapshot.convert(snapshot) : snapshot;
        FusionState state = SnapshotEnvelope.read(current, FusionState.KIND, FusionState.VERSION,
                FusionState::codecOfVersion);
        if (!layout.storeId().equals(state.storeId) || state.detectors.length != layout.plates().size()) {
            throw new IllegalArgumentException("snapshot of store " + state.storeId + " with "
                    + state.detectors.length + " plates does not fit store " + layout.storeId());
        }
        return new FusionEngine(layout, settings, recognizer, state);
    }

    private void drain() {
        EventTimeQueue<Object> queue = state.queue;
        while (queue.hasReleasable()) {
            long t = queue.peekTimestampMillis();
            Object input = queue.release();
            if (input instanceof ShelfReading reading) {
                process(reading);
            } else if (input instanceof Sighting sighting) {
                process(sighting);
            } else {
                keep((KeptCrop) input, t);
            }
            attributeSettled(t);
            if (state.lastReceiptCheckMillis == Long.MIN_VALUE || t - state.lastReceiptCheckMillis >= RECEIPT_CHECK_MILLIS) {
                state.lastReceiptCheckMillis = t;
                issueDueReceipts(t);
            }
        }
    }

    private void process(ShelfReading reading) {
        int plate = plateIndex.get(reading.plateId());
        if (reading.timestampMillis() <= state.lastReadingMillis[plate]) {
            state.duplicates++;
            return;
        }
        state.lastReadingMillis[plate] = reading.timestampMillis();
        PlateChangeDetector detector = state.detectors[plate];
        Optional<WeightChange> change = detector.accept(reading.timestampMillis(), reading.grams());
        if (detector.isChanging()) {
            state.changingPlates.add(plate);
        } else if (!state.changingPlates.isEmpty()) {
            state.changingPlates.remove(plate);
        }
        change.ifPresent(state.settled::add);
    }

    /**
     * Explains and attributes settled changes once the observations that show the withdrawing hand
     * are in, in the order the changes settled.
     */
    private void attributeSettled(long processedMillis) {
        while (!state.settled.isEmpty()) {
            WeightChange next = state.settled.get(0);
            if (processedMillis != Long.MAX_VALUE && next.endMillis() + WITHDRAW_TO_MILLIS > processedMillis) {
                return;
            }
            state.settled.remove(0);
            onChange(next);
        }
    }

    private void process(Sighting sighting) {
        Long last = state.lastSightingMillis.get(sighting.trackId());
        if (last != null && sighting.timestampMillis() <= last) {
            state.duplicates++;
            return;
        }
        state.lastSightingMillis.put(sighting.trackId(), sighting.timestampMillis());
        state.shoppers.record(sighting);
    }

    private void keep(KeptCrop crop, long shelfTimeMillis) {
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
    private List<ItemEstimate> weighWithRecognizer(List<ItemEstimate> estimates, WeightChange change, String shopperId) {
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

    /** P(crop | units), up to a factor common to all hypotheses (see {@link #weighWithRecognizer}). */
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

    private void onChange(WeightChange change) {
        Map<String, Double> odds = reachOdds(change);
        if (change.deltaGrams() < 0) {
            onPick(change, odds);
        } else {
            onPut(change, odds);
        }
    }

    /**
     * Attribution odds per active shopper (insertion order = first appearance), summing to 1; empty
     * when nobody reached. A shopper's likelihood is how close their wrist came to the plate while
     * the weight changed, times how clearly their hands were out of it just after: of two hands in
     * the same plate, the one that took the item withdraws first.
     */
    private Map<String, Double> reachOdds(WeightChange change) {
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

    private void onPick(WeightChange change, Map<String, Double> odds) {
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
        List<Map.Entry<String, Double>> ranked = rank(odds);
        estimates = weighWithRecognizer(estimates, change, ranked.get(0).getKey());
        ItemEstimate best = estimates.get(0);
        state.weightEvents++;
        long eventId = state.nextEventId++;
        noteEvidence(eventId, change, estimates, odds);
        Set<String> touched = new LinkedHashSet<>();
        if (ranked.size() >= 2 && ranked.get(1).getValue() >= SPLIT_ODDS && best.isSingleSku() && best.totalUnits() >= 2) {
            // Two hands withdrew from the plate as it lost several units: one unit each, the rest to the likelier.
            String sku = best.units().firstKey();
            addEntry(ranked.get(1).getKey(), new CartEntry(eventId, plate, sku, 1, best.posterior() * SPLIT_CONFIDENCE,
                    change.endMillis(), odds, false, Double.NaN), touched);
            addEntry(ranked.get(0).getKey(), new CartEntry(eventId, plate, sku, best.totalUnits() - 1,
                    best.posterior() * SPLIT_CONFIDENCE, change.endMillis(), odds, false, Double.NaN), touched);
            state.planogram.apply(plate, sku, -best.totalUnits());
            announce(touched, change.endMillis());
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
        best.units().forEach((sku, units) -> addEntry(shopper, new CartEntry(eventId, plate, sku, units,
                best.posterior() * top, change.endMillis(), odds, open, measured), touched));
        best.units().forEach((sku, units) -> state.planogram.apply(plate, sku, -units));
        announce(touched, change.endMillis());
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

    private void onPut(WeightChange change, Map<String, Double> odds) {
        int plate = change.plateIndex();
        double grams = change.deltaGrams();
        List<ItemEstimate> estimates = putInference.infer(grams, change.deltaStdDevGrams(), putCandidates(plate, odds));
        if (estimates.isEmpty()) {
            state.unexplainedGrams[plate] += grams;
            state.unexplained++;
            return;
        }
        if (!odds.isEmpty()) {
            estimates = weighWithRecognizer(estimates, change, rank(odds).get(0).getKey());
        }
        ItemEstimate best = estimates.get(0);
        state.recentPuts.put(plate, new RecentPut(change.endMillis(), grams, change.deltaStdDevGrams(), best));
        state.weightEvents++;
        long eventId = state.nextEventId++;
        noteEvidence(eventId, change, estimates, odds);
        Set<String> touched = new LinkedHashSet<>();
        for (Map.Entry<String, Integer> line : best.units().entrySet()) {
            String sku = line.getKey();
            int units = line.getValue();
            ShopperChoice choice = chooseReturner(sku, units, odds, touched);
            if (choice == null) {
                continue;
            }
            addEntry(choice.shopperId(), new CartEntry(eventId, plate, sku, -units, best.posterior() * choice.odds(),
                    change.endMillis(), odds, false, Double.NaN), touched);
            state.planogram.apply(plate, sku, units);
        }
        announce(touched, change.endMillis());
    }

    private record ShopperChoice(String shopperId, double odds) {
    }

    /**
     * Who put back {@code units} of {@code sku}: the likeliest nearby shopper who holds them; if the
     * likeliest nearby shopper holds none but is named in another cart's open pick of that SKU,
     * that pick was theirs (the put-back decides the hypothesis); failing both, any holder.
     */
    private ShopperChoice chooseReturner(String sku, int units, Map<String, Double> odds, Set<String> touched) {
        for (Map.Entry<String, Double> e : rank(odds)) {
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
        Map.Entry<String, Double> best = rank(nearHolders).get(0);
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
                    change.endMillis() + WITHDRAW_TO_MILLIS);
            if (approach != Long.MIN_VALUE) {
                state.skew.add(approach - mid);
            }
        });
    }

    /** Keeps what a reviewer would need to see of this event, for as long as a cart entry refers to it. */
    private void noteEvidence(long eventId, WeightChange change, List<ItemEstimate> estimates, Map<String, Double> odds) {
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

    private void addEntry(String shopperId, CartEntry entry, Set<String> touched) {
        state.ledger.add(shopperId, entry);
        touched.add(shopperId);
    }

    private void announce(Set<String> shopperIds, long eventTimeMillis) {
        for (String shopperId : shopperIds) {
            state.outputs.add(new FusionOutput.CartUpdated(shopperId, eventTimeMillis, state.ledger.lines(shopperId)));
        }
    }

    private static List<Map.Entry<String, Double>> rank(Map<String, Double> odds) {
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(odds.entrySet());
        // Stable sort: equal odds keep first-appearance order, so ties break the same way every run.
        ranked.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        return ranked;
    }

    private void issueDueReceipts(long processedMillis) {
        for (ShopperTrack shopper : state.shoppers.activeSnapshot()) {
            if (!shopper.hasExited() || shopper.exitMillis() > processedMillis) {
                continue;
            }
            boolean waitedLongEnough = processedMillis - shopper.exitMillis() > settings.maxReceiptWaitMillis();
            if (waitedLongEnough || !hasPendingChange(shopper, processedMillis)) {
                issueReceipt(shopper, state.queue.maxSeenMillis());
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

    private void issueReceipt(ShopperTrack shopper, long issuedAtMillis) {
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
