package io.aisle.simulations.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.account.EntryEvent;
import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.engine.FusionOutput;
import io.aisle.fusion.engine.FusionSettings;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.pipeline.PipelineSnapshot;
import io.aisle.fusion.pipeline.StorePipeline;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.simulations.store.ReceiptListing;
import io.aisle.simulations.store.ShopperPose;
import io.aisle.simulations.store.StoreBenchmark;
import io.aisle.simulations.store.StoreEventSink;
import io.aisle.simulations.store.StoreScenario;
import io.aisle.simulations.store.StoreSimulator;
import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.frame.CameraFrameReader;
import io.aisle.vision.frame.CameraFrameWriter;
import io.aisle.vision.frame.FrameLimits;
import io.aisle.vision.ingest.StoreCameraIngest;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.recognition.ProductRecognizer;
import io.aisle.vision.render.CropCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A store pipeline checkpointed in the middle of a stream and restored into a new one gives the
 * receipts of a pipeline that ran through: shelf readings and camera batches of the simulated
 * look-alike store (hand crops and gate entries included) go into both. So does a pipeline whose recognizer is
 * replaced mid-stream by a newly approved one that answers alike, and one fed the camera frames
 * in the batches a live store posts.
 */
class StorePipelineRestoreTest {

    private static final StoreScenario LOOKALIKES = LookalikeStore.scenario().withPlates(12).withShoppers(2, 3)
            .withMinutes(0.6);
    private static final long SEED = 4;
    /** How much event time one batch of {@code simulate store-live} spans. */
    private static final long LIVE_BATCH_MILLIS = 250;

    private final StoreLayout layout = CameraChainBenchmark.layoutFor(LOOKALIKES, SEED);
    private final StoreCameraRig rig = StoreCameraRig.forLayout(layout);
    private final List<Object> inputs = recordInputs(layout, rig);
    private final FusionSettings settings = StoreBenchmark.settingsFor(LOOKALIKES.noiseGrams(), LOOKALIKES.skewMillis());

    @Test
    void aPipelineRestoredMidStreamIssuesTheReceiptsOfAnUninterruptedOne() {
        CountingRecognizer throughRecognizer = new CountingRecognizer();
        List<Receipt> uninterrupted = runThrough(pipeline(layout, settings, rig, throughRecognizer), inputs);

        CountingRecognizer firstRecognizer = new CountingRecognizer();
        StorePipeline first = pipeline(layout, settings, rig, firstRecognizer);
        int cut = inputs.size() / 2;
        List<Receipt> interrupted = feed(first, inputs.subList(0, cut));
        PipelineSnapshot snapshot = first.snapshot();
        CountingRecognizer secondRecognizer = new CountingRecognizer();
        StorePipeline second = StorePipeline.restore(layout, settings, Optional.of(secondRecognizer), snapshot,
                () -> newIngest(rig));
        interrupted.addAll(feed(second, inputs.subList(cut, inputs.size())));
        second.finish();
        interrupted.addAll(receipts(second));

        assertTrue(uninterrupted.size() >= 3, uninterrupted.size() + " receipts");
        assertTrue(secondRecognizer.calls > 0, "the restored pipeline never asked the recognizer");
        assertEquals(throughRecognizer.calls, firstRecognizer.calls + secondRecognizer.calls);
        assertEquals(uninterrupted, interrupted);
    }

    @Test
    void aRecognizerSwitchedInMidStreamKeepsCartsTracksAndEntriesAndSeesTheLaterCrops() {
        CountingRecognizer throughRecognizer = new CountingRecognizer();
        List<Receipt> uninterrupted = runThrough(pipeline(layout, settings, rig, throughRecognizer), inputs);

        CountingRecognizer approvedBefore = new CountingRecognizer();
        StorePipeline before = pipeline(layout, settings, rig, approvedBefore);
        int cut = inputs.size() / 2;
        List<Receipt> switched = feed(before, inputs.subList(0, cut));
        int callsBeforeSwitch = approvedBefore.calls;
        CountingRecognizer approvedAfter = new CountingRecognizer();
        StorePipeline after = before.withRecognizer(Optional.of(approvedAfter));
        switched.addAll(feed(after, inputs.subList(cut, inputs.size())));
        after.finish();
        switched.addAll(receipts(after));

        assertTrue(uninterrupted.stream().anyMatch(r -> r.account() != null), "no receipt was bound to an account");
        assertEquals(callsBeforeSwitch, approvedBefore.calls, "the replaced recognizer was asked after the switch");
        assertTrue(approvedAfter.calls > 0, "the new recognizer never saw a crop");
        assertEquals(throughRecognizer.calls, approvedBefore.calls + approvedAfter.calls);
        assertEquals(uninterrupted, switched);
    }

    @Test
    void framesBatchedAsTheLiveStoreSendsThemShowTheRecognizerTheCropsOfFramesSentInstantByInstant() {
        CountingRecognizer oneByOne = new CountingRecognizer();
        StorePipeline instantByInstant = pipeline(layout, settings, rig, oneByOne);
        List<Receipt> expected = runThrough(instantByInstant, inputs);
        CountingRecognizer inBatches = new CountingRecognizer();
        StorePipeline batched = pipeline(layout, settings, rig, inBatches);
        List<Receipt> receipts = runThrough(batched, liveBatches(inputs));

        assertTrue(oneByOne.calls > 0, "the recognizer never saw a crop");
        assertEquals(0, batched.stats().lateInputs(), "inputs dropped as late");
        assertEquals(oneByOne.crops, inBatches.crops);
        // The time a receipt is issued follows the batches; the listing leaves it out, as a server's does.
        assertEquals(ReceiptListing.lines(expected, 0), ReceiptListing.lines(receipts, 0));
    }

    /**
     * The inputs as {@code simulate store-live} posts them: per {@value #LIVE_BATCH_MILLIS} ms of
     * event time, the frames of all its instants in one body, then its readings and entries. One body
     * then completes several tracker ticks at once.
     */
    private static List<Object> liveBatches(List<Object> inputs) {
        CameraFrameReader reader = new CameraFrameReader(FrameLimits.DEFAULT);
        List<Object> batches = new ArrayList<>();
        List<CameraFrame> frames = new ArrayList<>();
        List<Object> others = new ArrayList<>();
        long batchStart = Long.MIN_VALUE;
        for (Object input : inputs) {
            long millis = input instanceof ShelfReading reading ? reading.timestampMillis()
                    : input instanceof EntryEvent entry ? entry.atMillis() : -1;
            if (millis >= 0 && batchStart == Long.MIN_VALUE) {
                batchStart = millis;
            }
            if (millis >= 0 && millis - batchStart >= LIVE_BATCH_MILLIS) {
                flushLiveBatch(batches, frames, others);
                batchStart = millis;
            }
            if (input instanceof byte[] body) {
                frames.addAll(reader.read(body));
            } else {
                others.add(input);
            }
        }
        flushLiveBatch(batches, frames, others);
        return batches;
    }

    private static void flushLiveBatch(List<Object> batches, List<CameraFrame> frames, List<Object> others) {
        if (!frames.isEmpty()) {
            batches.add(CameraFrameWriter.write(frames));
        }
        batches.addAll(others);
        frames.clear();
        others.clear();
    }

    private static List<Receipt> runThrough(StorePipeline pipeline, List<Object> inputs) {
        List<Receipt> receipts = feed(pipeline, inputs);
        pipeline.finish();
        receipts.addAll(receipts(pipeline));
        return receipts;
    }

    private static StorePipeline pipeline(StoreLayout layout, FusionSettings settings, StoreCameraRig rig,
            ProductRecognizer recognizer) {
        StorePipeline pipeline = new StorePipeline(layout, settings, Optional.of(recognizer));
        pipeline.attachCameras(newIngest(rig));
        return pipeline;
    }

    private static StoreCameraIngest newIngest(StoreCameraRig rig) {
        return StoreCameraIngest.withDefaults(rig.cameras(), rig.wristLocator(), rig.trackerConfig());
    }

    private static List<Receipt> feed(StorePipeline pipeline, List<Object> inputs) {
        List<Receipt> receipts = new ArrayList<>();
        for (Object input : inputs) {
            if (input instanceof ShelfReading reading) {
                pipeline.accept(reading);
            } else if (input instanceof EntryEvent entry) {
                pipeline.accept(entry);
            } else {
                pipeline.acceptCameraFrames((byte[]) input);
            }
            receipts.addAll(receipts(pipeline));
        }
        return receipts;
    }

    private static List<Receipt> receipts(StorePipeline pipeline) {
        List<Receipt> receipts = new ArrayList<>();
        for (FusionOutput output : pipeline.drainOutputs()) {
            if (output instanceof FusionOutput.ReceiptIssued issued) {
                receipts.add(issued.receipt());
            }
        }
        return receipts;
    }

    /** The simulator's shelf readings and, per instant, its cameras' frames as one JSON batch, in stream order. */
    private static List<Object> recordInputs(StoreLayout layout, StoreCameraRig rig) {
        CameraChainBenchmark.Options vision = new CameraChainBenchmark.Options(true,
                StoreCameraSimulator.Noise.typical(), 0, 0, false);
        StoreCameraSimulator cameras = CameraChainBenchmark.simulatedCameras(layout, LOOKALIKES, SEED, vision,
                new CropCatalog(layout.appearanceIds()), rig);
        List<Object> inputs = new ArrayList<>();
        List<ShopperPose> instant = new ArrayList<>();
        new StoreSimulator(layout, LOOKALIKES, SEED).run(new StoreEventSink() {
            @Override
            public void reading(ShelfReading reading) {
                inputs.add(reading);
            }

            @Override
            public void entry(EntryEvent entry) {
                inputs.add(entry);
            }

            @Override
            public void observation(ShopperObservation observation) {
                // The cameras' view replaces the simulator's ideal observations.
            }

            @Override
            public void pose(ShopperPose pose) {
                if (!instant.isEmpty() && instant.get(0).timestampMillis() != pose.timestampMillis()) {
                    inputs.add(CameraFrameWriter.write(cameras.frames(instant, instant.get(0).timestampMillis())));
                    instant.clear();
                }
                instant.add(pose);
            }
        });
        assertTrue(cameras.crops() > 0, "the cameras sent no hand crops");
        return inputs;
    }

    /**
     * Answers from the crop's bytes alone, the same for the same crop, as a trained model would:
     * a seeded draw per crop and candidate list. Counts its calls.
     */
    private static final class CountingRecognizer implements ProductRecognizer {
        int calls;
        /** Each call's crop, as the hash of its bytes, in call order. */
        final List<Integer> crops = new ArrayList<>();

        @Override
        public Map<String, Double> classify(byte[] imageBytes, List<String> candidateSkus) {
            calls++;
            crops.add(Arrays.hashCode(imageBytes));
            Random random = new Random(31L * Arrays.hashCode(imageBytes) + candidateSkus.hashCode());
            Map<String, Double> weights = new LinkedHashMap<>();
            double total = 0;
            for (String sku : candidateSkus) {
                double w = 0.05 + random.nextDouble();
                weights.put(sku, w);
                total += w;
            }
            double sum = total;
            weights.replaceAll((sku, w) -> w / sum);
            return weights;
        }
    }
}
