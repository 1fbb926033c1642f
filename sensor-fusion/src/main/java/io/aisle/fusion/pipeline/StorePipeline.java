package io.aisle.fusion.pipeline;

import io.aisle.fusion.account.AccountBinding;
import io.aisle.fusion.account.AccountOutcome;
import io.aisle.fusion.account.EntryEvent;
import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.engine.FusionEngine;
import io.aisle.fusion.engine.FusionOutput;
import io.aisle.fusion.engine.FusionSettings;
import io.aisle.fusion.engine.FusionStats;
import io.aisle.fusion.engine.ShopperPosition;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.vision.frame.FrameTooLargeException;
import io.aisle.vision.ingest.StoreCameraIngest;
import io.aisle.vision.json.InvalidFieldException;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.recognition.ProductRecognizer;
import io.aisle.vision.tracking.TrackedHandCrop;
import io.aisle.vision.tracking.TrackerTick;
import io.aisle.vision.snapshot.SnapshotEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The checkout-free chain of one store: camera frame batches go through the camera ingest (tick
 * assembly, tracking), whose shopper observations and tracked hand crops go with the load-cell
 * readings into the fusion engine, which asks the product recognizer, when there is one, about
 * look-alikes. Shopper observations from elsewhere (an edge that tracks itself, a simulator's
 * ideal ones) may be fed directly. Receipts and cart updates come out of {@link #drainOutputs()}.
 *
 * <p>A store's cameras may be registered after its first readings: a pipeline starts without
 * cameras and gets them with {@link #attachCameras}. {@link #snapshot()} and {@link #restore}
 * checkpoint engine and tracks together, so a restored pipeline fed the rest of the inputs issues
 * the receipts an uninterrupted one would have.
 *
 * <p>Deterministic given its inputs and the recognizer's answers. Not thread-safe: one owner
 * thread per store (the store's embedded worker, the Kafka consumer owning its partition, a
 * benchmark's thread).
 */
public final class StorePipeline {

    /** The review reason of a receipt whose visit matched no entry at a gate. */
    public static final String UNBOUND = "unbound";
    /** The review reason of a receipt whose visit entered together with another. */
    public static final String AMBIGUOUS_ENTRY = "ambiguous entry";
    static final String ACCOUNT_KIND = "account-binding";
    static final int ACCOUNT_VERSION = 1;

    private final StoreLayout layout;
    private final FusionSettings settings;
    private final Optional<ProductRecognizer> recognizer;
    private final FusionEngine engine;
    private final AccountBinding accounts;
    private StoreCameraIngest cameras;

    private StorePipeline(StoreLayout layout, FusionSettings settings, Optional<ProductRecognizer> recognizer,
            FusionEngine engine, StoreCameraIngest cameras, AccountBinding accounts) {
        this.layout = layout;
        this.settings = settings;
        this.recognizer = recognizer;
        this.engine = engine;
        this.cameras = cameras;
        this.accounts = accounts;
    }

    /** A fresh pipeline without cameras; with a recognizer, hand crops from the cameras are looked at. */
    public StorePipeline(StoreLayout layout, FusionSettings settings, Optional<ProductRecognizer> recognizer) {
        this(layout, settings, recognizer, recognizer.isPresent()
                ? new FusionEngine(layout, settings, recognizer.get()) : new FusionEngine(layout, settings), null,
                new AccountBinding(layout.gates()));
    }

    /**
     * Rebuilds a pipeline from {@link #snapshot()}. {@code freshCameras} makes the store's camera
     * ingest (as configured now) when the snapshot holds camera tracks; it is not called otherwise.
     *
     * @throws IllegalArgumentException when the snapshot does not fit the layout or the cameras
     *     (a {@link io.aisle.vision.snapshot.SnapshotFormatException} when it is truncated, corrupt
     *     or of a newer version); no pipeline is built then
     */
    public static StorePipeline restore(StoreLayout layout, FusionSettings settings,
            Optional<ProductRecognizer> recognizer, PipelineSnapshot snapshot, Supplier<StoreCameraIngest> freshCameras) {
        FusionEngine engine = FusionEngine.restore(layout, settings, recognizer, snapshot.engineSnapshot());
        StoreCameraIngest cameras = null;
        if (snapshot.hasCameras()) {
            cameras = freshCameras.get();
            cameras.restore(snapshot.cameraSnapshot());
        }
        AccountBinding accounts = snapshot.accountSnapshot().length == 0 ? new AccountBinding(layout.gates())
                : SnapshotEnvelope.read(snapshot.accountSnapshot(), ACCOUNT_KIND, ACCOUNT_VERSION,
                        AccountBinding.codec(layout.gates()));
        return new StorePipeline(layout, settings, recognizer, engine, cameras, accounts);
    }

    /**
     * This store's state (engine, tracks, undrained outputs, frames waiting for their tick) with
     * another recognizer, or none, for every input from now on: how a newly approved model reaches
     * a running store without losing its carts. This pipeline hands its cameras over and may not
     * be used again.
     */
    public StorePipeline withRecognizer(Optional<ProductRecognizer> next) {
        Objects.requireNonNull(next, "next");
        FusionEngine swapped = FusionEngine.restore(layout, settings, next, engine.snapshot());
        return new StorePipeline(layout, settings, next, swapped, cameras, accounts);
    }

    public StoreLayout layout() {
        return layout;
    }

    public FusionSettings settings() {
        return settings;
    }

    public Optional<ProductRecognizer> recognizer() {
        return recognizer;
    }

    /** Whether camera frames can be accepted. */
    public boolean hasCameras() {
        return cameras != null;
    }

    /**
     * Gives the pipeline its store's camera ingest, fresh or restored by the caller.
     *
     * @throws IllegalStateException when the pipeline has cameras already
     */
    public void attachCameras(StoreCameraIngest ingest) {
        Objects.requireNonNull(ingest, "ingest");
        if (cameras != null) {
            throw new IllegalStateException("store " + layout.storeId() + " has its cameras already");
        }
        cameras = ingest;
    }

    /**
     * Checks a reading without touching any state.
     *
     * @return the problem in plain words, or empty
     */
    public Optional<String> validate(ShelfReading reading) {
        return engine.validate(reading);
    }

    /** @throws IllegalArgumentException when {@link #validate} finds a problem; nothing changes then */
    public void accept(ShelfReading reading) {
        engine.accept(reading);
    }

    /** An observation tracked outside this pipeline (on the observation clock). */
    public void accept(ShopperObservation observation) {
        observe(observation);
    }

    /**
     * Checks an entry event without touching any state.
     *
     * @return the problem in plain words (an unknown gate), or empty
     */
    public Optional<String> validate(EntryEvent entry) {
        return accounts.validate(entry);
    }

    /**
     * A gate's report that an account holder came in, on the cameras' clock.
     *
     * @throws IllegalArgumentException when {@link #validate} finds a problem; nothing changes then
     */
    public void accept(EntryEvent entry) {
        accounts.accept(entry);
    }

    /**
     * Reads one camera-frame batch, tracks the ticks it completes and fuses their observations and
     * hand crops.
     *
     * @return what the tracker produced, for callers that score or show it
     * @throws IllegalStateException when the pipeline has no cameras
     * @throws InvalidFieldException the batch is malformed or names an uncalibrated camera; nothing changes
     * @throws FrameTooLargeException the batch exceeds the frame limits; nothing changes
     */
    public TrackerTick acceptCameraFrames(byte[] body) {
        if (cameras == null) {
            throw new IllegalStateException("store " + layout.storeId() + " has camera frames but no cameras");
        }
        return fuse(cameras.accept(body));
    }

    /** Moves event time forward without data (a heartbeat). */
    public void advanceTo(long eventTimeMillis) {
        engine.advanceTo(eventTimeMillis);
    }

    /**
     * Ends the stream: tracks the ticks still waiting for a camera, then settles the engine and
     * issues every remaining receipt.
     *
     * @return what the last ticks tracked (empty without cameras)
     */
    public TrackerTick finish() {
        TrackerTick last = cameras == null ? new TrackerTick(List.of(), List.of()) : fuse(cameras.flush());
        engine.finish();
        return last;
    }

    /**
     * Removes and returns the outputs produced since the last call, oldest first; receipts with
     * their accounts bound.
     */
    public List<FusionOutput> drainOutputs() {
        List<FusionOutput> outputs = engine.drainOutputs();
        if (!accounts.isBinding()) {
            return outputs;
        }
        List<FusionOutput> bound = new ArrayList<>(outputs.size());
        for (FusionOutput output : outputs) {
            bound.add(output instanceof FusionOutput.ReceiptIssued issued
                    ? new FusionOutput.ReceiptIssued(bind(issued.receipt())) : output);
        }
        return bound;
    }

    /** The receipt with its account, or held for review when the entry gives none for certain. */
    private Receipt bind(Receipt receipt) {
        AccountOutcome outcome = accounts.settle(receipt.trackIds());
        if (outcome instanceof AccountOutcome.Bound bound) {
            return receipt.withAccount(bound.account(), List.of());
        }
        if (outcome instanceof AccountOutcome.Ambiguous ambiguous) {
            return receipt.withAccount(null, ambiguous.candidateAccounts()).withReviewReason(AMBIGUOUS_ENTRY);
        }
        return receipt.withReviewReason(UNBOUND);
    }

    /** Every shopper still in the store at their last processed sighting. */
    public List<ShopperPosition> shopperPositions() {
        return engine.shopperPositions();
    }

    /** The newest frame time per camera that has sent one; empty without cameras. */
    public Map<String, Long> newestFrameMillisByCamera() {
        return cameras == null ? Map.of() : cameras.newestFrameMillisByCamera();
    }

    /** Frames dropped for arriving after their tick was tracked; 0 without cameras. */
    public long lateFrames() {
        return cameras == null ? 0 : cameras.lateFrames();
    }

    public FusionStats stats() {
        return engine.stats();
    }

    /** Engine and tracks, undrained outputs and frames waiting for their tick included. */
    public PipelineSnapshot snapshot() {
        return new PipelineSnapshot(engine.snapshot(), cameras == null ? new byte[0] : cameras.snapshot(),
                SnapshotEnvelope.write(ACCOUNT_KIND, ACCOUNT_VERSION, accounts, AccountBinding.codec(layout.gates())));
    }

    /**
     * Tick by tick, in event time, each tick's observations before its crops (a crop is kept only for
     * a track the engine knows). A batch may complete several ticks; all its observations first would
     * move the engine's watermark past the first ticks' crops, which would then be dropped as late
     * or not depending on how the frames were batched.
     */
    private TrackerTick fuse(TrackerTick tick) {
        List<TrackedHandCrop> crops = tick.handCrops();
        int next = 0;
        for (ShopperObservation observation : tick.observations()) {
            while (next < crops.size() && crops.get(next).timestampMillis() < observation.timestampMillis()) {
                engine.accept(crops.get(next++));
            }
            observe(observation);
        }
        for (; next < crops.size(); next++) {
            engine.accept(crops.get(next));
        }
        return tick;
    }

    private void observe(ShopperObservation observation) {
        accounts.observe(observation.trackId(), observation.timestampMillis(), observation.position().xMeters(),
                observation.position().yMeters());
        engine.accept(observation);
    }
}
