package io.aisle.fusion.engine;

import io.aisle.fusion.attribution.ShopperRegistry;
import io.aisle.fusion.attribution.ShopperTrack;
import io.aisle.fusion.attribution.Sighting;
import io.aisle.fusion.cart.ReceiptLine;
import io.aisle.fusion.inference.WeightInference;
import io.aisle.fusion.layout.Plate;
import io.aisle.fusion.layout.PlateBox;
import io.aisle.fusion.layout.Product;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.planogram.LivePlanogram;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.fusion.time.EventTimeQueue;
import io.aisle.fusion.weight.PlateChangeDetector;
import io.aisle.fusion.weight.WeightChange;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.recognition.ProductRecognizer;
import io.aisle.vision.snapshot.SnapshotEnvelope;
import io.aisle.vision.snapshot.SnapshotFormatException;
import io.aisle.vision.tracking.TrackedHandCrop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * <p>The engine orders inputs and detects changes; the rest is done by one class per
 * responsibility over the shared {@link FusionState}: {@link ReachOdds} (who reached),
 * {@link RecognizerEvidence} (hand crops and the recognizer), {@link PickResolution},
 * {@link PutBackResolution}, and {@link ReceiptDesk} (review evidence and receipts).
 *
 * <p>Deterministic: the same inputs in the same order give the same outputs. Not thread-safe:
 * one owner thread per store calls it (for example the consumer that owns the store's
 * partition). {@link #snapshot()} and {@link #restore} checkpoint its whole state.
 */
public final class FusionEngine {

    private static final long RECEIPT_CHECK_MILLIS = 50;

    private final StoreLayout layout;
    private final FusionSettings settings;
    private final Map<String, Integer> plateIndex;
    private final Map<String, Product> products;
    private final PlateBox[] boxes;
    private final Optional<ProductRecognizer> recognizer;
    private final FusionState state;
    private final ReachOdds reach;
    private final RecognizerEvidence evidence;
    private final PickResolution picks;
    private final PutBackResolution putBacks;
    private final ReceiptDesk desk;

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
        this.state = restored != null ? restored : freshState();
        this.reach = new ReachOdds(state, settings, boxes);
        this.evidence = new RecognizerEvidence(state, recognizer);
        this.desk = new ReceiptDesk(state, settings, layout, boxes);
        CartUpdates carts = new CartUpdates(state);
        this.picks = new PickResolution(state, settings, products, boxes, evidence, desk, carts);
        this.putBacks = new PutBackResolution(state, settings, products, evidence, desk, carts);
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
            desk.issue(shopper, state.queue.maxSeenMillis());
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
                evidence.keep((KeptCrop) input, t);
            }
            attributeSettled(t);
            if (state.lastReceiptCheckMillis == Long.MIN_VALUE || t - state.lastReceiptCheckMillis >= RECEIPT_CHECK_MILLIS) {
                state.lastReceiptCheckMillis = t;
                desk.issueDue(t);
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
            if (processedMillis != Long.MAX_VALUE && next.endMillis() + ReachOdds.WITHDRAW_TO_MILLIS > processedMillis) {
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

    private void onChange(WeightChange change) {
        Map<String, Double> odds = reach.oddsOf(change);
        if (change.deltaGrams() < 0) {
            picks.resolve(change, odds);
        } else {
            putBacks.resolve(change, odds);
        }
    }

}
