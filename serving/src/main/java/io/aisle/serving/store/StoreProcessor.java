package io.aisle.serving.store;

import io.aisle.fusion.engine.FusionEngine;
import io.aisle.fusion.engine.FusionSettings;
import io.aisle.vision.ingest.StoreCameraIngest;
import io.aisle.vision.observation.ShopperObservation;

/**
 * One store's fusion engine, its camera ingest (created with the first camera batch) and its
 * feed. Not thread-safe: exactly one thread owns it, the store's embedded worker or the Kafka
 * consumer that owns the store's partition; neither engine nor tracker may be touched elsewhere.
 */
public final class StoreProcessor {

    private final StoreKey key;
    private final FusionSettings settings;
    private final StoreFeed feed;
    private FusionEngine engine;
    private StoreCameraIngest cameraIngest;

    public StoreProcessor(RegisteredStore store, FusionSettings settings, StoreFeed feed) {
        this.key = store.key();
        this.settings = settings;
        this.feed = feed;
        this.engine = new FusionEngine(store.layout(), settings);
    }

    /**
     * Applies one batch checked by {@link StoreInputParser} and publishes what the engine produced.
     *
     * @param store the store as registered now (cameras may have been added since this processor was made)
     */
    public void apply(RegisteredStore store, StoreInput input) {
        if (input instanceof StoreInput.ShelfBatch batch) {
            batch.readings().forEach(engine::accept);
        } else if (input instanceof StoreInput.ObservationBatch batch) {
            batch.observations().forEach(engine::accept);
        } else {
            StoreInput.CameraBatch batch = (StoreInput.CameraBatch) input;
            for (ShopperObservation observation : cameraIngest(store).accept(batch.body()).observations()) {
                engine.accept(observation);
            }
        }
        feed.publish(engine.drainOutputs());
    }

    /** The engine and feed state, for a checkpoint taken after {@code nextOffset - 1} was applied. */
    public StoreCheckpoint checkpoint(long nextOffset) {
        return new StoreCheckpoint(key.wireKey(), nextOffset, engine.snapshot(), feed.state());
    }

    /** Goes back to a checkpoint of this store (engine and feed); the camera tracker starts afresh. */
    public void restore(RegisteredStore store, StoreCheckpoint checkpoint) {
        if (!checkpoint.storeKey().equals(key.wireKey())) {
            throw new IllegalArgumentException("checkpoint of " + checkpoint.storeKey() + " does not belong to " + key);
        }
        engine = FusionEngine.restore(store.layout(), settings, checkpoint.engineSnapshot());
        feed.resetTo(checkpoint.feed());
        cameraIngest = null;
    }

    public StoreFeed feed() {
        return feed;
    }

    private StoreCameraIngest cameraIngest(RegisteredStore store) {
        if (cameraIngest == null) {
            CameraSetup setup = store.cameras()
                    .orElseThrow(() -> new IllegalStateException("store " + key + " has camera frames but no cameras"));
            cameraIngest = setup.newIngest(store.layout().entry());
        }
        return cameraIngest;
    }
}
