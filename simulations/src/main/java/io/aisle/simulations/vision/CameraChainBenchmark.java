package io.aisle.simulations.vision;

import io.aisle.fusion.account.EntryEvent;
import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.engine.FusionOutput;
import io.aisle.fusion.engine.FusionStats;
import io.aisle.fusion.layout.Product;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.pipeline.StorePipeline;
import io.aisle.fusion.recognition.AppearanceRecognizer;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.simulations.store.AccountScore;
import io.aisle.simulations.store.GroundTruth;
import io.aisle.simulations.store.ReceiptScorer;
import io.aisle.simulations.store.ShopperPose;
import io.aisle.simulations.store.StoreBenchmark;
import io.aisle.simulations.store.StoreEventSink;
import io.aisle.simulations.store.StoreScenario;
import io.aisle.simulations.store.StoreScore;
import io.aisle.simulations.store.StoreSimulator;
import io.aisle.simulations.store.TrueEvent;
import io.aisle.vision.djl.DjlProductRecognizer;
import io.aisle.vision.djl.RecognizerModel;
import io.aisle.vision.djl.RecognizerTrainer;
import io.aisle.vision.frame.CameraFrameWriter;
import io.aisle.vision.ingest.StoreCameraIngest;
import io.aisle.vision.metrics.TrackedFrame;
import io.aisle.vision.metrics.TrackingEvaluator;
import io.aisle.vision.metrics.TrackingScores;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.render.CropCatalog;
import io.aisle.vision.render.CropRenderer;
import io.aisle.vision.render.LabeledCrop;
import io.aisle.vision.render.ProductAppearance;
import io.aisle.vision.scene.CameraScene;
import io.aisle.vision.scene.SimulatedAppearance;
import io.aisle.vision.tracking.TrackerTick;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * The checkout-free store run from cameras: the store simulator's true poses are seen by simulated
 * cameras ({@link StoreCameraSimulator}), the detections go as JSON batches through
 * a {@link StorePipeline} (the chain the server runs: tick assembly, tracking, then the shopper
 * observations and tracked hand crops with the load-cell readings into the fusion engine), with a
 * product recognizer unless vision is off. Receipts are scored with {@link ReceiptScorer}.
 *
 * <p>The simulator runs twice with the same seed: a first pass for the ground truth (which product
 * each shopper holds when, so that camera crops show it), a second for the streams.
 *
 * <p>A receipt carries a tracker id, not the simulator's; each tracker id is credited to the true
 * shopper it was nearest to (within 1 m) in most of its frames, and the ground truth's track ids
 * are rewritten accordingly before scoring. Speed is simulated time over the CPU time this thread
 * spent in ingest (JSON, tick assembly, tracking), fusion and recognition; rendering the cameras'
 * detections is the simulator's work and is left out (reported on its own).
 */
public final class CameraChainBenchmark {

    /** A crop is attached to a shopper's detections this long before and after a true pick or put-back. */
    static final long HOLD_MILLIS = 400;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * How a run is set up.
     *
     * @param vision whether the engine gets a product recognizer and hand crops
     * @param trainPerProduct rendered training crops per product the recognizer learns
     * @param epochs recognizer training epochs
     * @param idealObservations feed the simulator's own shopper observations instead of the
     *     cameras' (the baseline the camera chain is compared with; no hand crops then)
     * @param appearance whether the cameras send an appearance embedding with every person
     *     ({@link SimulatedAppearance#typical}); without, the tracker has floor positions only
     */
    public record Options(boolean vision, StoreCameraSimulator.Noise noise, int trainPerProduct, int epochs,
            boolean idealObservations, boolean appearance) {

        /** With appearance embeddings. */
        public Options(boolean vision, StoreCameraSimulator.Noise noise, int trainPerProduct, int epochs,
                boolean idealObservations) {
            this(vision, noise, trainPerProduct, epochs, idealObservations, true);
        }

        public static Options defaults(boolean vision) {
            return new Options(vision, StoreCameraSimulator.Noise.typical(), 60, 5, false);
        }

        public Options withIdealObservations() {
            return new Options(vision, noise, trainPerProduct, epochs, true, appearance);
        }

        public Options withoutAppearance() {
            return new Options(vision, noise, trainPerProduct, epochs, idealObservations, false);
        }
    }

    /** What the recognizer was and did in a run; zeros without vision. */
    public record RecognizerFigures(int products, double holdoutAccuracy, double holdoutPairwiseAccuracy,
            long trainingMillis, int calls, double latencyP50Millis, double latencyP99Millis, long crops) {
    }

    /**
     * The outcome of one run; {@code cameras} is 0 for a run on ideal observations. The truth's
     * track ids are the tracker ids credited to each shopper, as scored. {@code appearance}: the
     * cameras sent appearance embeddings.
     */
    public record Result(String scenario, long seed, boolean vision, boolean appearance, int cameras, StoreLayout layout, GroundTruth truth,
            List<Receipt> receipts, StoreScore score, FusionStats stats, TrackingScores tracking, RecognizerFigures recognizer,
            long chainCpuNanos, long chainWallNanos, long cameraSimulationCpuNanos, long readings, long frames,
            long observations, long skewMillis) {

        public double speedTimesRealTime() {
            return truth.durationSeconds() / Math.max(chainCpuNanos / 1e9, 1e-9);
        }

        /**
         * The JSON report: every key of {@code bench store} (its engine time is here the whole
         * chain's), then tracking, recognizer and camera figures.
         */
        public Map<String, Object> report() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("mode", "from-cameras");
            json.put("observations_from", cameras == 0 ? "ideal" : "cameras");
            json.put("vision", vision);
            json.putAll(new StoreBenchmark.Result(scenario, seed, layout, truth, score, stats, chainCpuNanos,
                    chainWallNanos, readings, observations, skewMillis, AccountScore.score(truth, receipts),
                    truth.accounts().size()).report());
            if (cameras == 0) {
                return json;
            }
            json.put("appearance_embeddings", appearance);
            json.put("tracking_idf1", round(tracking.idf1()));
            json.put("tracking_mota", round(tracking.mota()));
            json.put("tracking_id_switches", tracking.idSwitches());
            json.put("tracking_true_positions", tracking.truthCount());
            json.put("recognizer_products", recognizer.products());
            json.put("recognizer_holdout_accuracy", round(recognizer.holdoutAccuracy()));
            json.put("recognizer_holdout_pairwise_accuracy", round(recognizer.holdoutPairwiseAccuracy()));
            json.put("recognizer_training_ms", recognizer.trainingMillis());
            json.put("recognizer_calls", recognizer.calls());
            json.put("recognizer_latency_p50_ms", round(recognizer.latencyP50Millis()));
            json.put("recognizer_latency_p99_ms", round(recognizer.latencyP99Millis()));
            json.put("hand_crops", recognizer.crops());
            json.put("cameras", cameras);
            json.put("fps", 15);
            json.put("camera_frames", frames);
            json.put("camera_speed_x_realtime", round(speedTimesRealTime()));
            json.put("chain_cpu_seconds", round(chainCpuNanos / 1e9));
            json.put("camera_simulation_cpu_seconds", round(cameraSimulationCpuNanos / 1e9));
            return json;
        }

        private static double round(double value) {
            return Math.round(value * 10_000) / 10_000.0;
        }
    }

    private CameraChainBenchmark() {
    }

    /** The scenario by name, {@code lookalike} included. */
    public static StoreScenario scenarioNamed(String name) {
        return "lookalike".equals(name) ? LookalikeStore.scenario() : StoreScenario.named(name);
    }

    /** The store a scenario runs in. */
    public static StoreLayout layoutFor(StoreScenario scenario, long seed) {
        return "lookalike".equals(scenario.name())
                ? LookalikeStore.layout("sim-lookalike", scenario.plates(), seed)
                : StoreBenchmark.layoutFor(scenario, seed);
    }

    /** The clothing of the shoppers of a run, drawn apart from the cameras' other noise. */
    public static SimulatedAppearance shopperAppearance(long seed) {
        return SimulatedAppearance.typical(seed ^ 0xC10735L);
    }

    public static Result run(StoreScenario scenario, long seed, Options options) {
        return run(scenario, seed, options, Optional.empty());
    }

    /**
     * Like {@link #run(StoreScenario, long, Options)}, with vision on a recognizer trained elsewhere
     * (a tenant's approved version, the one a server runs) instead of one trained for the run. The
     * caller keeps and closes {@code trained}.
     */
    public static Result run(StoreScenario scenario, long seed, Options options, Optional<RecognizerModel> trained) {
        StoreLayout layout = layoutFor(scenario, seed);
        CropCatalog catalog = new CropCatalog(layout.appearanceIds());
        StoreCameraRig rig = StoreCameraRig.forLayout(layout);
        StoreCameraSimulator cameras = simulatedCameras(layout, scenario, seed, options, catalog, rig);
        StoreCameraIngest ingest = StoreCameraIngest.withDefaults(rig.cameras(), rig.wristLocator(),
                rig.trackerConfig());

        RecognizerModel model = null;
        DjlProductRecognizer djl = null;
        AppearanceRecognizer recognizer = null;
        RecognizerFigures figures = new RecognizerFigures(0, 0, 0, 0, 0, 0, 0, 0);
        try {
            var settings = StoreBenchmark.settingsFor(scenario.noiseGrams(), scenario.skewMillis());
            if (options.vision() && trained.isPresent()) {
                RecognizerModel.setIntraOpThreads(1);
                djl = trained.get().newRecognizer();
                recognizer = AppearanceRecognizer.forLayout(djl, layout, trained.get().classes());
                figures = new RecognizerFigures(trained.get().classes().size(), 0, 0, 0, 0, 0, 0, 0);
            } else if (options.vision()) {
                List<String> learned = lookAlikeAppearances(layout);
                long start = System.nanoTime();
                RecognizerTrainer.Result result = train(catalog, learned, options, seed);
                long trainingMillis = (System.nanoTime() - start) / 1_000_000;
                model = result.model();
                RecognizerModel.setIntraOpThreads(1);
                djl = model.newRecognizer();
                recognizer = AppearanceRecognizer.forLayout(djl, layout, learned);
                figures = new RecognizerFigures(learned.size(), result.holdoutAccuracy(),
                        result.holdoutPairwiseAccuracy(), trainingMillis, 0, 0, 0, 0);
            }
            StorePipeline pipeline = new StorePipeline(layout, settings, Optional.ofNullable(recognizer));
            pipeline.attachCameras(ingest);
            Chain chain = new Chain(pipeline, cameras, scenario.skewMillis(), options.idealObservations());
            GroundTruth truth = new StoreSimulator(layout, scenario, seed).run(chain);
            chain.finish();
            Map<String, List<String>> tracksByShopper = creditTracks(chain.trackedFrames);
            GroundTruth scoredTruth = options.idealObservations() ? truth : new GroundTruth(truth.receipts(),
                    tracksByShopper, truth.exitMillis(), truth.events(), truth.startMillis(), truth.endMillis(),
                    truth.accounts());
            StoreScore score = ReceiptScorer.score(scoredTruth, chain.receipts);
            TrackingScores tracking = new TrackingEvaluator(1.0).evaluate(chain.trackedFrames);
            if (recognizer != null) {
                figures = new RecognizerFigures(figures.products(), figures.holdoutAccuracy(),
                        figures.holdoutPairwiseAccuracy(), figures.trainingMillis(), recognizer.calls(),
                        recognizer.latencyMillis(0.50), recognizer.latencyMillis(0.99), cameras.crops());
            }
            int cameraCount = options.idealObservations() ? 0 : rig.cameras().size();
            return new Result(scenario.name(), seed, options.vision(), options.appearance(), cameraCount, layout, scoredTruth,
                    List.copyOf(chain.receipts), score,
                    pipeline.stats(), tracking, figures, chain.chainCpuNanos, chain.chainWallNanos, chain.cameraCpuNanos,
                    chain.readings, chain.frames, chain.observations, scenario.skewMillis());
        } finally {
            if (djl != null) {
                djl.close();
            }
            if (model != null) {
                model.close();
            }
        }
    }

    /**
     * The cameras of a run, which show what each shopper holds around each true pick and put-back
     * when vision is on (a first simulator pass finds when that is).
     */
    public static StoreCameraSimulator simulatedCameras(StoreLayout layout, StoreScenario scenario, long seed,
            Options options, CropCatalog catalog, StoreCameraRig rig) {
        GroundTruth firstPass = new StoreSimulator(layout, scenario, seed).runPoses(pose -> { });
        Map<String, ProductAppearance> appearances = new HashMap<>();
        catalog.products().forEach(p -> appearances.put(p.sku(), p));
        List<StoreCameraSimulator.HeldProduct> held = new ArrayList<>();
        if (options.vision()) {
            Map<String, Product> bySku = layout.productsBySku();
            for (TrueEvent e : firstPass.events()) {
                if (!"hand-off".equals(e.kind())) {
                    held.add(new StoreCameraSimulator.HeldProduct(e.shopperId(), e.timestampMillis() - HOLD_MILLIS,
                            e.timestampMillis() + HOLD_MILLIS, appearances.get(bySku.get(e.sku()).appearanceId())));
                }
            }
        }
        StoreCameraSimulator cameras = new StoreCameraSimulator(rig, options.noise(), held, layout.floorWidthMeters(),
                layout.floorDepthMeters(), seed ^ 0x5EED);
        if (options.appearance()) {
            cameras.withAppearance(shopperAppearance(seed));
        }
        return cameras;
    }

    /**
     * Appearances of products that weight alone can confuse with another: an exact twin anywhere
     * in the store (a misplaced put-back lands it on the other's plate), or a product on the same
     * plate within 3 noise standard deviations. Only these are ever asked about.
     */
    static List<String> lookAlikeAppearances(StoreLayout layout) {
        Map<String, Product> bySku = layout.productsBySku();
        Map<Double, List<Product>> byWeight = new HashMap<>();
        layout.products().forEach(p -> byWeight.computeIfAbsent(p.unitWeightGrams(), w -> new ArrayList<>()).add(p));
        java.util.TreeSet<String> result = new java.util.TreeSet<>();
        byWeight.values().stream().filter(group -> group.size() > 1)
                .forEach(group -> group.forEach(p -> result.add(p.appearanceId())));
        layout.plates().forEach(plate -> plate.facings().forEach(a -> plate.facings().forEach(b -> {
            Product pa = bySku.get(a.sku());
            Product pb = bySku.get(b.sku());
            if (pa != pb && Math.abs(pa.unitWeightGrams() - pb.unitWeightGrams()) < 6.0) {
                result.add(pa.appearanceId());
                result.add(pb.appearanceId());
            }
        })));
        return List.copyOf(result);
    }

    private static RecognizerTrainer.Result train(CropCatalog catalog, List<String> learned, Options options, long seed) {
        CropRenderer renderer = new CropRenderer(CameraScene.CROP_SIZE_PIXELS);
        List<ProductAppearance> products = catalog.products().stream().filter(p -> learned.contains(p.sku())).toList();
        List<LabeledCrop> training = render(renderer, products, options.trainPerProduct(), seed);
        List<LabeledCrop> holdout = render(renderer, products, Math.max(10, options.trainPerProduct() / 4), seed + 1);
        return RecognizerTrainer.train(learned, training, holdout,
                new RecognizerTrainer.Settings(CameraScene.CROP_SIZE_PIXELS, options.epochs(), 32, 0.005f, seed));
    }

    private static List<LabeledCrop> render(CropRenderer renderer, List<ProductAppearance> products, int perProduct,
            long seed) {
        Random random = new Random(seed);
        List<LabeledCrop> crops = new ArrayList<>();
        for (int i = 0; i < perProduct; i++) {
            for (ProductAppearance p : products) {
                crops.add(new LabeledCrop(p.sku(), renderer.render(p, random)));
            }
        }
        return crops;
    }

    /** Each tracker id goes to the true shopper it matched in most of its frames. */
    private static Map<String, List<String>> creditTracks(List<TrackedFrame> frames) {
        Map<String, Map<String, Integer>> votes = new TreeMap<>();
        for (TrackedFrame frame : frames) {
            frame.tracks().forEach((track, at) -> {
                String nearest = null;
                double best = 1.0;
                for (Map.Entry<String, FloorPoint> t : frame.truth().entrySet()) {
                    double d = Math.hypot(t.getValue().xMeters() - at.xMeters(), t.getValue().yMeters() - at.yMeters());
                    if (d < best) {
                        best = d;
                        nearest = t.getKey();
                    }
                }
                if (nearest != null) {
                    votes.computeIfAbsent(track, k -> new HashMap<>()).merge(nearest, 1, Integer::sum);
                }
            });
        }
        Map<String, List<String>> byShopper = new LinkedHashMap<>();
        votes.forEach((track, counts) -> counts.entrySet().stream().max(Map.Entry.comparingByValue())
                .ifPresent(e -> byShopper.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(track)));
        return byShopper;
    }

    /**
     * The sink of the second simulator pass. Readings go to the engine; poses of one instant are
     * gathered and, when the next instant starts, seen by the cameras and sent through ingest.
     */
    private static final class Chain implements StoreEventSink {

        private final StorePipeline pipeline;
        private final StoreCameraSimulator cameras;
        private final long skewMillis;
        private final boolean ideal;
        private final List<ShopperPose> instant = new ArrayList<>();
        private final TreeMap<Long, Map<String, FloorPoint>> truthByMillis = new TreeMap<>();
        final List<TrackedFrame> trackedFrames = new ArrayList<>();
        final List<Receipt> receipts = new ArrayList<>();
        long chainCpuNanos;
        long chainWallNanos;
        long cameraCpuNanos;
        long readings;
        long frames;
        long observations;

        Chain(StorePipeline pipeline, StoreCameraSimulator cameras, long skewMillis, boolean ideal) {
            this.ideal = ideal;
            this.pipeline = pipeline;
            this.cameras = cameras;
            this.skewMillis = skewMillis;
        }

        @Override
        public void reading(ShelfReading reading) {
            readings++;
            // Reading the thread's CPU clock per 60 Hz sample would cost more than the engine's work on
            // it, so readings are timed in blocks of 1024 (camera instants pause the block).
            if (blockCpu < 0) {
                startBlock();
            }
            pipeline.accept(reading);
            if ((readings & 1023) == 0) {
                collect();
                endBlock();
            }
        }

        @Override
        public void observation(ShopperObservation observation) {
            // Otherwise the simulator's ideal observations are replaced by what the cameras give.
            if (ideal) {
                observations++;
                pipeline.accept(observation);
            }
        }

        @Override
        public void entry(EntryEvent entry) {
            pipeline.accept(entry);
        }

        @Override
        public void pose(ShopperPose pose) {
            if (ideal) {
                return;
            }
            if (!instant.isEmpty() && instant.get(0).timestampMillis() != pose.timestampMillis()) {
                seeInstant();
            }
            instant.add(pose);
        }

        private void seeInstant() {
            boolean inBlock = blockCpu >= 0;
            endBlock();
            long millis = instant.get(0).timestampMillis();
            Map<String, FloorPoint> truth = new HashMap<>();
            instant.forEach(p -> truth.put(p.shopperId(), p.position()));
            truthByMillis.put(millis + skewMillis, truth);
            long cpu = THREADS.getCurrentThreadCpuTime();
            var cameraFrames = cameras.frames(instant, millis + skewMillis);
            byte[] body = CameraFrameWriter.write(cameraFrames);
            long afterCameras = THREADS.getCurrentThreadCpuTime();
            cameraCpuNanos += afterCameras - cpu;
            frames += cameraFrames.size();
            long wall = System.nanoTime();
            record(pipeline.acceptCameraFrames(body));
            chainWallNanos += System.nanoTime() - wall;
            chainCpuNanos += THREADS.getCurrentThreadCpuTime() - afterCameras;
            instant.clear();
            if (inBlock) {
                startBlock();
            }
        }

        /** Keeps what the tracker saw of each tick, for the tracking scores. */
        private void record(TrackerTick tick) {
            Map<Long, Map<String, FloorPoint>> tracksByMillis = new TreeMap<>();
            for (ShopperObservation o : tick.observations()) {
                observations++;
                tracksByMillis.computeIfAbsent(o.timestampMillis(), t -> new HashMap<>()).put(o.trackId(), o.position());
            }
            tracksByMillis.forEach((millis, tracks) -> {
                Map.Entry<Long, Map<String, FloorPoint>> truth = truthByMillis.floorEntry(millis + TICK_SLACK_MILLIS);
                if (truth != null) {
                    trackedFrames.add(new TrackedFrame(millis, truth.getValue(), tracks));
                }
            });
        }

        void finish() {
            if (!instant.isEmpty()) {
                seeInstant();
            }
            startBlock();
            record(pipeline.finish());
            collect();
            endBlock();
        }

        private long blockCpu = -1;
        private long blockWall;

        private void startBlock() {
            blockCpu = THREADS.getCurrentThreadCpuTime();
            blockWall = System.nanoTime();
        }

        private void endBlock() {
            if (blockCpu >= 0) {
                chainCpuNanos += THREADS.getCurrentThreadCpuTime() - blockCpu;
                chainWallNanos += System.nanoTime() - blockWall;
                blockCpu = -1;
            }
        }

        private void collect() {
            for (FusionOutput output : pipeline.drainOutputs()) {
                if (output instanceof FusionOutput.ReceiptIssued issued) {
                    receipts.add(issued.receipt());
                }
            }
        }
    }

    /** A tick is stamped with its start, up to one tick before the frames in it. */
    private static final long TICK_SLACK_MILLIS = StoreCameraIngest.DEFAULT_TICK_MILLIS;
}
