package io.aisle.fusion.pipeline;

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

    private final StoreLayout layout;
    private final FusionSettings settings;
    private final Optional<ProductRecognizer> recognizer;
    private final FusionEngine engine;
    private StoreCameraIngest cameras;

    private StorePipeline(StoreLayout layout, FusionSettings settings, Optional<ProductRecognizer> recognizer,
            FusionEngine engine, StoreCameraIngest cameras) {
        this.layout = layout;
        this.settings = settings;
        this.recognizer = recognizer;
        this.engine = engine;
        this.cameras = cameras;
    }

    /** A fresh pipeline without cameras; with a recognizer, hand crops from the cameras are looked at. */
    public StorePipeline(StoreLayout layout, FusionSettings settings, Optional<ProductRecognizer> recognizer) {
        this(layout, settings, recognizer, recognizer.isPresent()
                ? new FusionEngine(layout, settings, recognizer.get()) : new FusionEngine(layout, settings), null);
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
        return new StorePipeline(layout, settings, recognizer, engine, cameras);
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
        return new StorePipeline(layout, settings, next, swapped, cameras);
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
        engine.accept(observation);
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

    /** Removes and returns the outputs produced since the last call, oldest first. */
    public List<FusionOutput> drainOutputs() {
        return engine.drainOutputs();
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
        return new PipelineSnapshot(engine.snapshot(), cameras == null ? new byte[0] : cameras.snapshot());
    }

    /** Observations first, then crops: a crop is kept only for a track the engine knows. */
    private TrackerTick fuse(TrackerTick tick) {
        for (ShopperObservation observation : tick.observations()) {
            engine.accept(observation);
        }
        for (TrackedHandCrop crop : tick.handCrops()) {
            engine.accept(crop);
        }
        return tick;
    }
}
