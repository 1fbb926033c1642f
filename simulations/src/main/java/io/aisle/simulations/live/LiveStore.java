package io.aisle.simulations.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.layout.StoreLayoutFiles;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.simulations.store.StoreBenchmark;
import io.aisle.simulations.store.StoreEventSink;
import io.aisle.simulations.store.StoreScenario;
import io.aisle.simulations.store.StoreSimulator;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.observation.StorePoint;
import java.io.PrintStream;
import java.net.URI;
import java.util.Optional;

/**
 * A simulated checkout-free store streaming to a running server: it registers the store layout,
 * then posts shelf readings and shopper observations in batches, paced by event time at
 * {@code speed} times real time, while a second thread prints each receipt the server issues.
 *
 * <p>Event times are moved to start now, so the server's clock window accepts them; at a speed
 * above 1 they run ahead of the wall clock, by at most (1 - 1/speed) of the session's length.
 */
public final class LiveStore {

    private static final long BATCH_EVENT_MILLIS = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignedClient client;
    private final PrintStream out;

    public LiveStore(URI server, String keyId, String secret, PrintStream out) {
        this.client = new SignedClient(server, keyId, secret);
        this.out = out;
    }

    /** Runs one session of the scenario and returns the number of receipts printed. */
    public int run(StoreScenario scenario, long seed, double speed) throws InterruptedException {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0 but was " + speed);
        }
        StoreLayout layout = StoreBenchmark.layoutFor(scenario, seed);
        String store = layout.storeId();
        client.expectSuccess("PUT", "/v1/admin/stores/" + store + "/layout", StoreLayoutFiles.toJson(layout));
        out.printf("live store %s: %d plates, scenario %s, %.0fx real time%n", store, layout.plates().size(), scenario.name(), speed);
        ReceiptPrinter printer = new ReceiptPrinter(store);
        Thread receipts = new Thread(printer, "live-store-receipts");
        receipts.setDaemon(true);
        receipts.start();
        Feed feed = new Feed(store, speed);
        new StoreSimulator(layout, scenario, seed).run(feed);
        feed.flush();
        // Receipts follow exits by the engine's lateness window; give the last ones time to land.
        Thread.sleep(3_000);
        printer.stop();
        receipts.join(5_000);
        return printer.printed;
    }

    /** Batches events and posts them once a batch spans {@link #BATCH_EVENT_MILLIS} of event time. */
    private final class Feed implements StoreEventSink {
        private final String store;
        private final double speed;
        private final long wallStart = System.currentTimeMillis();
        private long eventStart = Long.MIN_VALUE;
        private long batchStart;
        private ArrayNode readings = JSON.createArrayNode();
        private ArrayNode observations = JSON.createArrayNode();

        Feed(String store, double speed) {
            this.store = store;
            this.speed = speed;
        }

        @Override
        public void reading(ShelfReading reading) {
            long ts = shift(reading.timestampMillis());
            readings.addObject().put("plate", reading.plateId()).put("ts", ts).put("grams", reading.grams());
            maybeFlush(ts);
        }

        @Override
        public void observation(ShopperObservation observation) {
            long ts = shift(observation.timestampMillis());
            ObjectNode node = observations.addObject().put("track", observation.trackId()).put("ts", ts);
            node.putArray("position").add(observation.position().xMeters()).add(observation.position().yMeters());
            node.set("leftWrist", point(observation.leftWrist()));
            node.set("rightWrist", point(observation.rightWrist()));
            maybeFlush(ts);
        }

        private long shift(long eventMillis) {
            if (eventStart == Long.MIN_VALUE) {
                eventStart = eventMillis;
                batchStart = wallStart;
            }
            return wallStart + (eventMillis - eventStart);
        }

        private void maybeFlush(long ts) {
            if (ts - batchStart >= BATCH_EVENT_MILLIS) {
                flush();
                batchStart = ts;
                long dueWall = wallStart + (long) ((ts - wallStart) / speed);
                long wait = dueWall - System.currentTimeMillis();
                if (wait > 0) {
                    sleep(wait);
                }
            }
        }

        void flush() {
            if (!readings.isEmpty()) {
                client.expectSuccess("POST", "/v1/stores/" + store + "/shelf-readings", JSON.createObjectNode().set("readings", readings).toString());
                readings = JSON.createArrayNode();
            }
            if (!observations.isEmpty()) {
                client.expectSuccess("POST", "/v1/stores/" + store + "/shopper-observations",
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

    /** Polls {@code receipts?since=} once a second and prints what is new. */
    private final class ReceiptPrinter implements Runnable {
        private final String store;
        private volatile boolean running = true;
        private long since;
        private int printed;

        ReceiptPrinter(String store) {
            this.store = store;
        }

        @Override
        public void run() {
            while (running) {
                sleep(1_000);
                printNew();
            }
            printNew();
        }

        void stop() {
            running = false;
        }

        private void printNew() {
            JsonNode page;
            try {
                page = JSON.readTree(client.expectSuccess("GET", "/v1/stores/" + store + "/receipts?since=" + since, null));
            } catch (Exception e) {
                out.println("receipts: " + e.getMessage());
                return;
            }
            for (JsonNode receipt : page.path("receipts")) {
                StringBuilder line = new StringBuilder("receipt #" + receipt.path("seq").asLong() + " for " + receipt.path("shopper").asText() + ":");
                for (JsonNode item : receipt.path("lines")) {
                    line.append(' ').append(item.path("quantity").asInt()).append(" x ").append(item.path("sku").asText());
                }
                if (receipt.path("lines").isEmpty()) {
                    line.append(" nothing");
                }
                if (receipt.path("needsReview").asBoolean()) {
                    line.append("  (flagged for review)");
                }
                out.println(line);
                printed++;
            }
            since = page.path("next").asLong(since);
        }
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
