package io.aisle.serving.store;

import io.aisle.fusion.account.EntryEvent;
import io.aisle.fusion.engine.FusionSettings;
import io.aisle.fusion.pipeline.PipelineSnapshot;
import io.aisle.fusion.pipeline.StorePipeline;
import io.aisle.fusion.recognition.AppearanceRecognizer;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.fusion.review.ReviewDecision;
import io.aisle.vision.djl.DjlProductRecognizer;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.recognition.ProductRecognizer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One store's {@link StorePipeline} (its cameras attached with the first camera batch) and its
 * feed. Not thread-safe: exactly one thread owns it, the store's embedded worker or the Kafka
 * consumer that owns the store's partition; the pipeline may not be touched elsewhere.
 *
 * <p>Before every batch it asks {@link TenantRecognizers} which recognizer version its tenant
 * runs; when that changed (an approval, a rollback, a first model) the pipeline carries on with
 * the new one from that batch on, its carts, tracks and receipts kept. Inference runs here, on the
 * owner thread, never on the event loop; the recognizer (a DJL predictor) belongs to this thread.
 */
public final class StoreProcessor {

    private static final Logger log = LoggerFactory.getLogger(StoreProcessor.class);

    private final StoreKey key;
    private final FusionSettings settings;
    private final StoreFeed feed;
    private final TenantRecognizers recognizers;
    private StorePipeline pipeline;
    /** The version the pipeline runs, "" for none, and the predictor this thread made of it. */
    private String recognizerVersion = "";
    private DjlProductRecognizer predictor;
    private final Map<String, Long> newestReadingMillis = new HashMap<>();
    private long newestShelfMillis = Long.MIN_VALUE;
    private long newestInputMillis = Long.MIN_VALUE;

    /** A store that never runs a recognizer. */
    public StoreProcessor(RegisteredStore store, FusionSettings settings, StoreFeed feed) {
        this(store, settings, feed, TenantRecognizers.NONE);
    }

    public StoreProcessor(RegisteredStore store, FusionSettings settings, StoreFeed feed,
            TenantRecognizers recognizers) {
        this.key = store.key();
        this.settings = settings;
        this.feed = feed;
        this.recognizers = recognizers;
        this.pipeline = new StorePipeline(store.layout(), settings, Optional.empty());
    }

    /** The recognizer version this store runs now; empty without one. */
    public Optional<String> recognizerVersion() {
        return recognizerVersion.isEmpty() ? Optional.empty() : Optional.of(recognizerVersion);
    }

    /**
     * Applies one batch checked by {@link StoreInputParser} and publishes what the pipeline produced.
     *
     * @param store the store as registered now (cameras may have been added since this processor was made)
     */
    public void apply(RegisteredStore store, StoreInput input) {
        followRecognizer(store);
        if (input instanceof StoreInput.ShelfBatch batch) {
            for (ShelfReading reading : batch.readings()) {
                pipeline.accept(reading);
                newestReadingMillis.merge(reading.plateId(), reading.timestampMillis(), Math::max);
                newestShelfMillis = Math.max(newestShelfMillis, reading.timestampMillis());
                newestInputMillis = Math.max(newestInputMillis, reading.timestampMillis());
            }
        } else if (input instanceof StoreInput.ObservationBatch batch) {
            for (ShopperObservation observation : batch.observations()) {
                pipeline.accept(observation);
                newestInputMillis = Math.max(newestInputMillis, observation.timestampMillis());
            }
        } else if (input instanceof StoreInput.EntryBatch batch) {
            for (EntryEvent entry : batch.entries()) {
                pipeline.accept(entry);
                newestInputMillis = Math.max(newestInputMillis, entry.atMillis());
            }
        } else if (input instanceof StoreInput.Review review) {
            // Refusals were answered at the edge; a request that lost a race with another is left out here.
            ReviewDecision decision = feed.decide(review.request());
            if (!(decision instanceof ReviewDecision.Adjusted)) {
                log.info("store {}: {} of receipt {} left out: {}", key, review.request().kind().wireName(),
                        review.request().receiptNumber(), decision);
            }
            return;
        } else {
            StoreInput.CameraBatch batch = (StoreInput.CameraBatch) input;
            attachCameras(store);
            pipeline.acceptCameraFrames(batch.body());
            for (long frameMillis : pipeline.newestFrameMillisByCamera().values()) {
                newestInputMillis = Math.max(newestInputMillis, frameMillis);
            }
        }
        feed.publish(pipeline.drainOutputs());
        showFloor();
    }

    private void showFloor() {
        long clock = newestShelfMillis != Long.MIN_VALUE ? newestShelfMillis : newestInputMillis;
        feed.showFloor(new FloorView(clock, pipeline.shopperPositions(), newestReadingMillis,
                pipeline.newestFrameMillisByCamera()));
    }

    /** The pipeline and feed state, for a checkpoint taken after {@code nextOffset - 1} was applied. */
    public StoreCheckpoint checkpoint(long nextOffset) {
        PipelineSnapshot snapshot = pipeline.snapshot();
        return new StoreCheckpoint(key.wireKey(), nextOffset, snapshot.engineSnapshot(), snapshot.cameraSnapshot(),
                snapshot.accountSnapshot(), feed.state());
    }

    /**
     * Goes back to a checkpoint of this store: engine, camera tracks and feed.
     *
     * @throws IllegalArgumentException when the checkpoint is another store's, or does not fit this
     *     store's layout or cameras; nothing has changed then
     */
    public void restore(RegisteredStore store, StoreCheckpoint checkpoint) {
        if (!checkpoint.storeKey().equals(key.wireKey())) {
            throw new IllegalArgumentException("checkpoint of " + checkpoint.storeKey() + " does not belong to " + key);
        }
        pipeline = StorePipeline.restore(store.layout(), settings, pipeline.recognizer(),
                new PipelineSnapshot(checkpoint.engineSnapshot(), checkpoint.cameraSnapshot(), checkpoint.accountSnapshot()),
                () -> store.cameras().orElseThrow(() -> new IllegalArgumentException(
                        "checkpoint of " + key + " holds camera tracks but the store has no cameras")).newIngest(store.layout()));
        feed.resetTo(checkpoint.feed());
        showFloor();
    }

    public StoreFeed feed() {
        return feed;
    }

    /** Switches the pipeline to the tenant's live recognizer version when it is not that one already. */
    private void followRecognizer(RegisteredStore store) {
        Optional<TenantRecognizers.Version> live = recognizers.find(key.tenant());
        String version = live.map(TenantRecognizers.Version::version).orElse("");
        if (version.equals(recognizerVersion)) {
            return;
        }
        DjlProductRecognizer next = live.map(v -> v.model().newRecognizer()).orElse(null);
        Optional<ProductRecognizer> port = live.map(v -> AppearanceRecognizer.forLayout(next, store.layout(),
                v.model().classes()));
        pipeline = pipeline.withRecognizer(port);
        if (predictor != null) {
            predictor.close();
        }
        predictor = next;
        log.info("store {} runs product recognizer {}", key, version.isEmpty() ? "none" : version);
        recognizerVersion = version;
    }

    private void attachCameras(RegisteredStore store) {
        if (!pipeline.hasCameras()) {
            CameraSetup setup = store.cameras()
                    .orElseThrow(() -> new IllegalStateException("store " + key + " has camera frames but no cameras"));
            pipeline.attachCameras(setup.newIngest(store.layout()));
        }
    }
}
