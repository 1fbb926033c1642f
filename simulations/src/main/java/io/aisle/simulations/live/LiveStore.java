package io.aisle.simulations.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisle.fusion.account.EntryEvent;
import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.layout.StoreLayoutFiles;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.simulations.store.GroundTruth;
import io.aisle.simulations.store.ReceiptScorer;
import io.aisle.simulations.store.ShopperPose;
import io.aisle.simulations.store.StoreEventSink;
import io.aisle.simulations.store.StoreScenario;
import io.aisle.simulations.store.StoreScore;
import io.aisle.simulations.store.StoreSimulator;
import io.aisle.simulations.vision.CameraChainBenchmark;
import io.aisle.simulations.vision.StoreCameraRig;
import io.aisle.simulations.vision.StoreCameraSimulator;
import io.aisle.vision.calibration.CalibrationFile;
import io.aisle.vision.calibration.ShelfFace;
import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.frame.CameraFrameWriter;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.observation.StorePoint;
import io.aisle.vision.render.CropCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * A simulated checkout-free store streaming to a running server: it registers the store layout,
 * then posts shelf readings and shopper observations in batches, paced by event time at
 * {@code speed} times real time, while a second thread prints each receipt the server issues.
 * When the run ends, the receipts are scored against the simulator's ground truth.
 *
 * <p>From cameras, it also registers the cameras of a {@link StoreCameraRig} and sends, instead of
 * shopper observations, what those cameras detect of the true poses: the cameras of
 * {@code bench store --from-cameras} for the same seed ({@link CameraChainBenchmark#simulatedCameras}),
 * hand crops of what shoppers hold included, which the server looks at when the tenant has an
 * approved product recognizer and ignores otherwise. The server's tracker names
 * shoppers itself, so each receipt is credited to the true shopper who entered the exit zone
 * nearest in time to the receipt's exit (within {@value #CREDIT_WINDOW_MILLIS} ms, one receipt
 * per shopper) before scoring.
 *
 * <p>Event times are moved to start within {@value #CLOCK_GRID_MILLIS} ms before now, so the server's
 * clock window accepts them; at a speed above 1 they run ahead of the wall clock, by at most
 * (1 - 1/speed) of the session's length.
 */
public final class LiveStore {

    private static final long BATCH_EVENT_MILLIS = 250;
    /** How far apart a receipt's exit and a true shopper's exit may lie for the one to be credited to the other. */
    static final long CREDIT_WINDOW_MILLIS = 3_000;
    /** Posted times move by a multiple of this: whole seconds and whole 66 ms tracker ticks. */
    private static final long CLOCK_GRID_MILLIS = 66_000;
    /** The server's bound on frames per camera batch. */
    private static final int MAX_FRAMES_PER_BATCH = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a run did.
     *
     * @param receipts the receipts the server issued during the run, as printed
     * @param score    those receipts scored against the simulator's ground truth
     * @param clockOffsetMillis how far the posted times ran ahead of the simulator's
     * @param failedPosts attempts to post the store's input that failed and were sent again (each batch was
     *                    delivered in the end, or the run would have failed)
     * @param failedReceiptPolls polls of the receipts that failed (the next poll reads on from the same cursor)
     */
    public record Result(String store, boolean fromCameras, int cameras, List<Receipt> receipts, StoreScore score,
            long clockOffsetMillis, long failedPosts, long failedReceiptPolls) {

        public Result {
            receipts = List.copyOf(receipts);
        }
    }

    private final SignedClient client;
    private final PrintStream out;
    /** Wall-clock times (epoch ms) at which new receipts were read. */
    private final ConcurrentSkipListSet<Long> receiptsReadMillis = new ConcurrentSkipListSet<>();

    public LiveStore(URI server, String keyId, String secret, PrintStream out) {
        this.client = new SignedClient(server, keyId, secret);
        this.out = out;
    }

    /** Runs one session of the scenario, fed with shopper observations or from cameras. */
    public Result run(StoreScenario scenario, long seed, double speed, boolean fromCameras) throws InterruptedException {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be > 0 but was " + speed);
        }
        StoreLayout layout = CameraChainBenchmark.layoutFor(scenario, seed);
        String store = layout.storeId();
        client.expectSuccess("PUT", "/v1/admin/stores/" + store + "/layout", StoreLayoutFiles.toJson(layout));
        StoreCameraSimulator cameras = null;
        int cameraCount = 0;
        if (fromCameras) {
            StoreCameraRig rig = StoreCameraRig.forLayout(layout);
            client.expectSuccess("PUT", "/v1/admin/stores/" + store + "/cameras", cameraSetup(rig));
            // The cameras of the benchmark's run of this seed, hand crops of what shoppers hold included: a server
            // whose tenant has an approved recognizer looks at them, one without ignores them.
            cameras = CameraChainBenchmark.simulatedCameras(layout, scenario, seed,
                    CameraChainBenchmark.Options.defaults(true), new CropCatalog(layout.appearanceIds()), rig);
            cameraCount = rig.cameras().size();
            out.printf("live store %s: %d plates, %d ceiling cameras at 15 fps, scenario %s, %.0fx real time%n", store,
                    layout.plates().size(), cameraCount, scenario.name(), speed);
        } else {
            out.printf("live store %s: %d plates, scenario %s, %.0fx real time%n", store, layout.plates().size(),
                    scenario.name(), speed);
        }
        ReceiptPrinter printer = new ReceiptPrinter(store, latestReceipt(store));
        Thread receipts = new Thread(printer, "live-store-receipts");
        receipts.setDaemon(true);
        receipts.start();
        Feed feed = new Feed(store, speed, cameras, scenario.skewMillis());
        GroundTruth truth = new StoreSimulator(layout, scenario, seed).run(feed);
        feed.finish();
        // Receipts follow exits by the engine's lateness window; give the last ones time to land.
        Thread.sleep(3_000);
        printer.stop();
        receipts.join(5_000);
        List<Receipt> issued = printer.receipts();
        GroundTruth scored = fromCameras
                ? creditByExit(truth, issued, feed.offsetMillis() + scenario.skewMillis()) : truth;
        return new Result(store, fromCameras, cameraCount, issued, ReceiptScorer.score(scored, issued),
                feed.offsetMillis(), client.failedAttempts(), printer.failedPolls());
    }

    /** When the first new receipt was read after {@code instant} (of this run), if one was; polls are 1 s apart. */
    public Optional<Instant> firstReceiptAfter(Instant instant) {
        return Optional.ofNullable(receiptsReadMillis.higher(instant.toEpochMilli())).map(Instant::ofEpochMilli);
    }

    /**
     * What the cameras see of {@code poses} at {@code frameMillis} on the simulator's clock, stamped
     * {@code offsetMillis} later for posting. The cameras are simulated on the simulator's own clock (their lighting
     * drifts with it), so a live run sees what the in-process run of the seed sees, whatever the wall clock.
     */
    static List<CameraFrame> postedFrames(StoreCameraSimulator cameras, List<ShopperPose> poses, long frameMillis,
            long offsetMillis) {
        return cameras.frames(poses, frameMillis).stream()
                .map(frame -> new CameraFrame(frame.cameraId(), frame.timestampMillis() + offsetMillis, frame.persons()))
                .toList();
    }

    /** Prints the accuracy line of a run. */
    public static void printAccuracy(Result result, PrintStream out) {
        StoreScore score = result.score();
        out.printf("live store done: %d receipts for %d shoppers; against the simulator's ground truth: precision %.3f,"
                        + " recall %.3f, F1 %.3f over %d true lines, %.0f%% of shoppers charged exactly%s%n", result.receipts().size(),
                score.shoppers(), score.precision(), score.recall(), score.f1(), score.trueLines(),
                100 * score.exactReceiptRate(), result.fromCameras() ? " (receipts credited to shoppers by exit time)" : "");
    }

    /** The calibration file of the rig's cameras plus its shelf faces and wrist reach, as the server takes them. */
    static String cameraSetup(StoreCameraRig rig) {
        try {
            ObjectNode setup = (ObjectNode) JSON.readTree(CalibrationFile.write(rig.cameras()));
            ArrayNode faces = setup.putArray("shelfFaces");
            for (ShelfFace face : rig.shelfFaces()) {
                ObjectNode node = faces.addObject().put("shelfId", face.shelfId());
                node.putArray("from").add(face.from().xMeters()).add(face.from().yMeters());
                node.putArray("to").add(face.to().xMeters()).add(face.to().yMeters());
                node.put("heightMeters", face.heightMeters());
            }
            setup.put("reachMeters", StoreCameraRig.WRIST_REACH_METERS);
            return setup.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The ground truth with each true shopper's track ids replaced by the receipt credited to them: pairs of a
     * receipt and a shopper whose exits (on the receipt's clock, {@code offsetMillis} ahead of the simulator's) lie
     * within {@link #CREDIT_WINDOW_MILLIS}, nearest first, each receipt and shopper used once.
     */
    static GroundTruth creditByExit(GroundTruth truth, List<Receipt> receipts, long offsetMillis) {
        record Pair(String shopper, Receipt receipt, long gapMillis) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (Receipt receipt : receipts) {
            if (receipt.exitMillis() == Long.MIN_VALUE) {
                continue;
            }
            truth.exitMillis().forEach((shopper, exit) -> {
                long gap = Math.abs(receipt.exitMillis() - (exit + offsetMillis));
                if (gap <= CREDIT_WINDOW_MILLIS) {
                    pairs.add(new Pair(shopper, receipt, gap));
                }
            });
        }
        pairs.sort(Comparator.comparingLong(Pair::gapMillis));
        Map<String, List<String>> credited = new LinkedHashMap<>();
        Set<Receipt> used = new HashSet<>();
        for (Pair pair : pairs) {
            if (!credited.containsKey(pair.shopper()) && used.add(pair.receipt())) {
                credited.put(pair.shopper(), List.of(pair.receipt().shopperId()));
            }
        }
        return new GroundTruth(truth.receipts(), credited, truth.exitMillis(), truth.events(), truth.startMillis(),
                truth.endMillis());
    }

    /** The cursor after the store's newest receipt, so a run prints and scores only its own. */
    private long latestReceipt(String store) {
        long since = 0;
        while (true) {
            JsonNode page = client.expectJson("GET", "/v1/stores/" + store + "/receipts?limit=1000&since=" + since, null);
            if (page.path("receipts").isEmpty()) {
                return since;
            }
            since = page.path("next").asLong(since);
        }
    }

    /**
     * Batches events and posts them once a batch spans {@link #BATCH_EVENT_MILLIS} of event time. With cameras, the
     * true poses of each instant become the cameras' frames of that instant and observations are dropped.
     */
    private final class Feed implements StoreEventSink {
        private final String store;
        private final double speed;
        private final StoreCameraSimulator cameras;
        private final long cameraSkewMillis;
        private final long wallStart = System.currentTimeMillis();
        private long eventStart = Long.MIN_VALUE;
        private long offset;
        private long batchStart;
        private ArrayNode readings = JSON.createArrayNode();
        private ArrayNode observations = JSON.createArrayNode();
        private ArrayNode entries = JSON.createArrayNode();
        private final List<ShopperPose> instant = new ArrayList<>();
        private final List<CameraFrame> frames = new ArrayList<>();

        /**
         * @param cameras null to send the simulator's shopper observations
         * @param cameraSkewMillis how far the camera clock runs ahead of the shelf clock
         */
        Feed(String store, double speed, StoreCameraSimulator cameras, long cameraSkewMillis) {
            this.store = store;
            this.speed = speed;
            this.cameras = cameras;
            this.cameraSkewMillis = cameraSkewMillis;
        }

        /** How far the posted times run ahead of the simulator's. */
        long offsetMillis() {
            return offset;
        }

        @Override
        public void reading(ShelfReading reading) {
            long ts = shift(reading.timestampMillis());
            readings.addObject().put("plate", reading.plateId()).put("ts", ts).put("grams", reading.grams());
            maybeFlush(ts);
        }

        @Override
        public void observation(ShopperObservation observation) {
            if (cameras != null) {
                return;
            }
            long ts = shift(observation.timestampMillis());
            ObjectNode node = observations.addObject().put("track", observation.trackId()).put("ts", ts);
            node.putArray("position").add(observation.position().xMeters()).add(observation.position().yMeters());
            node.set("leftWrist", point(observation.leftWrist()));
            node.set("rightWrist", point(observation.rightWrist()));
            maybeFlush(ts);
        }

        /** The gate's scans go as they do in process: the receipts' accounts and review flags depend on them. */
        @Override
        public void entry(EntryEvent entry) {
            long at = shift(entry.atMillis());
            entries.addObject().put("gate", entry.gate()).put("account", entry.account()).put("at", at);
        }

        @Override
        public void pose(ShopperPose pose) {
            if (cameras == null) {
                return;
            }
            if (!instant.isEmpty() && instant.get(0).timestampMillis() != pose.timestampMillis()) {
                seeInstant();
            }
            instant.add(pose);
            maybeFlush(shift(pose.timestampMillis()));
        }

        private void seeInstant() {
            long simulatorMillis = instant.get(0).timestampMillis();
            long offsetMillis = shift(simulatorMillis) - simulatorMillis;
            frames.addAll(postedFrames(cameras, instant, simulatorMillis + cameraSkewMillis, offsetMillis));
            instant.clear();
        }

        private long shift(long eventMillis) {
            if (eventStart == Long.MIN_VALUE) {
                eventStart = eventMillis;
                // The tracker gathers frames into ticks on the absolute clock, so a move by whole grid steps keeps
                // every frame in the tick it has in the simulator's own time: the same seed gives the same run.
                offset = Math.floorDiv(wallStart - eventStart, CLOCK_GRID_MILLIS) * CLOCK_GRID_MILLIS;
                batchStart = eventMillis + offset;
            }
            return eventMillis + offset;
        }

        private void maybeFlush(long ts) {
            if (ts - batchStart >= BATCH_EVENT_MILLIS) {
                flush();
                batchStart = ts;
                long dueWall = wallStart + (long) ((ts - offset - eventStart) / speed);
                long wait = dueWall - System.currentTimeMillis();
                if (wait > 0) {
                    sleep(wait);
                }
            }
        }

        void finish() {
            if (!instant.isEmpty()) {
                seeInstant();
            }
            flush();
        }

        private void flush() {
            // Frames go first: the tracker holds back its newest tick, so its observations already trail the
            // readings by a tick or two, well within the engine's allowed lateness (250 ms). Sent after a whole
            // batch of readings they would trail by the batch, at the edge of it.
            for (int from = 0; from < frames.size(); from += MAX_FRAMES_PER_BATCH) {
                List<CameraFrame> batch = frames.subList(from, Math.min(frames.size(), from + MAX_FRAMES_PER_BATCH));
                client.expectDelivered("POST", "/v1/stores/" + store + "/camera-frames",
                        new String(CameraFrameWriter.write(batch), StandardCharsets.UTF_8));
            }
            frames.clear();
            if (!entries.isEmpty()) {
                client.expectDelivered("POST", "/v1/stores/" + store + "/entries", JSON.createObjectNode().set("entries", entries).toString());
                entries = JSON.createArrayNode();
            }
            if (!readings.isEmpty()) {
                client.expectDelivered("POST", "/v1/stores/" + store + "/shelf-readings", JSON.createObjectNode().set("readings", readings).toString());
                readings = JSON.createArrayNode();
            }
            if (!observations.isEmpty()) {
                client.expectDelivered("POST", "/v1/stores/" + store + "/shopper-observations",
                        JSON.createObjectNode().set("observations", observations).toString());
                observations = JSON.createArrayNode();
            }
        }

        private JsonNode point(Optional<StorePoint> point) {
            if (point.isEmpty()) {
                return JSON.nullNode();
            }
            ArrayNode array = JSON.createArrayNode();
            return array.add(point.get().xMeters()).add(point.get().yMeters()).add(point.get().zMeters());
        }
    }

    /** Polls {@code receipts?since=} once a second, prints what is new and keeps it for scoring. */
    private final class ReceiptPrinter implements Runnable {
        private final String store;
        private final List<Receipt> receipts = new ArrayList<>();
        private volatile boolean running = true;
        private long failedPolls;
        private long since;

        /** @param since the cursor after the last receipt of earlier runs */
        ReceiptPrinter(String store, long since) {
            this.store = store;
            this.since = since;
        }

        @Override
        public void run() {
            while (running) {
                sleep(1_000);
                printNew();
            }
            while (printNew() > 0) {
                // the last pages, until none is left
            }
        }

        void stop() {
            running = false;
        }

        synchronized long failedPolls() {
            return failedPolls;
        }

        /** What was printed; call after the thread has ended. */
        synchronized List<Receipt> receipts() {
            return List.copyOf(receipts);
        }

        private synchronized int printNew() {
            JsonNode page;
            try {
                page = client.expectJson("GET", "/v1/stores/" + store + "/receipts?since=" + since, null);
            } catch (RuntimeException e) {
                // The message names the status and the problem+json body, or why no answer came.
                failedPolls++;
                out.println("receipts: poll failed, the next one reads on from #" + since + ": " + e.getMessage());
                return 0;
            }
            if (!page.path("receipts").isEmpty()) {
                receiptsReadMillis.add(System.currentTimeMillis());
            }
            for (JsonNode receipt : page.path("receipts")) {
                StringBuilder line = new StringBuilder("receipt #" + receipt.path("seq").asLong() + " for " + receipt.path("shopper").asText() + ":");
                List<ReceiptLine> lines = new ArrayList<>();
                for (JsonNode item : receipt.path("lines")) {
                    line.append(' ').append(item.path("quantity").asInt()).append(" x ").append(item.path("sku").asText());
                    lines.add(new ReceiptLine(item.path("sku").asText(), item.path("quantity").asInt(),
                            item.path("confidence").asDouble()));
                }
                if (lines.isEmpty()) {
                    line.append(" nothing");
                }
                if (receipt.path("needsReview").asBoolean()) {
                    line.append("  (flagged for review)");
                }
                out.println(line);
                receipts.add(receipt(receipt, lines));
            }
            since = page.path("next").asLong(since);
            return page.path("receipts").size();
        }
    }

    /** A receipt as the API shows it, back in sensor-fusion's type. */
    private static Receipt receipt(JsonNode receipt, List<ReceiptLine> lines) {
        List<String> trackIds = new ArrayList<>();
        receipt.path("trackIds").forEach(id -> trackIds.add(id.asText()));
        List<String> reasons = new ArrayList<>();
        receipt.path("reviewReasons").forEach(reason -> reasons.add(reason.asText()));
        JsonNode exit = receipt.path("exitMillis");
        return new Receipt(receipt.path("shopper").asText(), trackIds, exit.isNumber() ? exit.asLong() : Long.MIN_VALUE,
                receipt.path("issuedAtMillis").asLong(), lines, receipt.path("needsReview").asBoolean(), reasons);
    }


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
