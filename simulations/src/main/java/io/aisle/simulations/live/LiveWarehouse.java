package io.aisle.simulations.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.map.MapFormatException;
import io.aisle.robotics.map.MovingAiMapReader;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.simulations.warehouse.DispatchedWarehouse;
import io.aisle.simulations.warehouse.LiveFloor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A simulated warehouse run against a running server over signed HTTP, as a real fleet and WMS would drive it. With
 * an admin key it registers a warehouse and issues itself a {@code wms} key and one {@code robot} key per robot
 * (each bound to its robot; all revoked at the end). Then, for a fixed wall-clock time, one thread per robot
 * long-polls its commands, executes each on a shared floor (taking {@code moveMillis}) and reports the pose it
 * reached as telemetry, or its unchanged pose when it has nothing to do (the server faults a silent robot); a WMS
 * thread posts random orders of SKUs the pods hold.
 *
 * <p>The floor ({@link LiveFloor}) checks every executed move with a {@code StepValidator}, independently of the dispatcher: the move
 * must be legal from the robot's pose, must not end in another robot's cell, and must not enter a cell a robot is
 * still driving out of. Throughput is read from the server's warehouse state: pick tasks (order lines) finished
 * per dispatcher tick and per minute.
 */
public final class LiveWarehouse {

    /**
     * A small warehouse of six shelving blocks: storage along the blocks, stations along the top and bottom rows.
     */
    public static final String SMALL_MAP = String.join("\n", "type octile", "height 11", "width 20", "map",
            "....................",
            "....................",
            "..@@@@@@....@@@@@@..",
            "....................",
            "....................",
            "..@@@@@@....@@@@@@..",
            "....................",
            "....................",
            "..@@@@@@....@@@@@@..",
            "....................",
            "....................") + "\n";

    /** The server's tenants-file rescan interval (1 s) with a margin for a loaded machine. */
    private static final long KEY_PROPAGATION_MILLIS = 1_500;
    private static final Pattern WAREHOUSE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int SKUS = 40;
    private static final int SKUS_PER_POD = 4;
    private static final int SERVICE_STEPS = 2;
    private static final int CHARGERS = 1;
    /** Well under the server's 3 s telemetry timeout, so an idle robot's heartbeat always lands in time. */
    private static final long POLL_WAIT_MILLIS = 1_000;
    private static final long PROGRESS_MILLIS = 10_000;
    private static final long WATCH_MILLIS = 200;
    /** How long the WMS retries an order whose answer it did not get, with the same {@code Idempotency-Key}. */
    private static final long ORDER_RETRY_MILLIS = 15_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How a run is set up.
     *
     * @param warehouseId     the warehouse registered for the caller's tenant (the same id and settings again reuse it)
     * @param mapText         a MovingAI map
     * @param robots          fleet size
     * @param duration        wall-clock time the fleet and the WMS run
     * @param ordersPerSecond mean WMS orders per second (1 to 3 lines each)
     * @param moveMillis      how long a robot takes to execute one command
     * @param seed            seeds start cells, pod contents and orders
     */
    public record Settings(String warehouseId, String mapText, int robots, Duration duration, double ordersPerSecond,
                           long moveMillis, long seed) {

        public Settings {
            if (warehouseId == null || !WAREHOUSE_ID.matcher(warehouseId).matches()) {
                throw new IllegalArgumentException("warehouse id must match " + WAREHOUSE_ID + " but was '" + warehouseId + "'");
            }
            if (robots < 1) {
                throw new IllegalArgumentException("robots must be >= 1 but was " + robots);
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be > 0 but was " + duration);
            }
            if (!(ordersPerSecond > 0) || Double.isInfinite(ordersPerSecond)) {
                throw new IllegalArgumentException("ordersPerSecond must be > 0 but was " + ordersPerSecond);
            }
            if (moveMillis < 0) {
                throw new IllegalArgumentException("moveMillis must be >= 0 but was " + moveMillis);
            }
        }
    }

    /**
     * What a run did. Orders, lines and ticks are counted on the server over the run; moves, collisions and invalid
     * moves by the floor's validator.
     *
     * @param linesPicked     pick tasks finished (one per order line)
     * @param linesPickedTwice tasks seen returning their pod (line picked) and later again before their pick
     * @param linesUnaccounted lines of orders answered 202 that the final state neither counts as picked, queues,
     *                        nor has on a robot (an order lost; negative: more lines than were ordered)
     * @param firstViolation  the validator's first finding, or null
     */
    public record Result(String warehouse, int robots, double seconds, long ticks, long ordersSubmitted,
                         long ordersRefused, long ordersCompleted, long linesPicked, long moves, long collisions,
                         long invalidMoves, long refusedTelemetry, long failedRequests, long linesPickedTwice,
                         long linesUnaccounted, String firstViolation) {

        public double linesPerTick() {
            return ticks == 0 ? 0 : linesPicked / (double) ticks;
        }

        public double linesPerMinute() {
            return seconds <= 0 ? 0 : linesPicked * 60 / seconds;
        }

        public double ordersPerMinute() {
            return seconds <= 0 ? 0 : ordersCompleted * 60 / seconds;
        }
    }

    private final URI server;
    private final SignedClient admin;
    private final HttpClient http = SignedClient.newHttpClient();
    private final PrintStream out;
    /** When robots received a new command, epoch milliseconds: a takeover's pause ends with the first one. */
    private final ConcurrentSkipListSet<Long> commandsReceivedMillis = new ConcurrentSkipListSet<>();

    /**
     * @param keyId a key of the tenant with role {@code admin}
     */
    public LiveWarehouse(URI server, String keyId, String secret, PrintStream out) {
        this.server = server;
        this.admin = new SignedClient(server, keyId, secret, http);
        this.out = out;
    }

    /** When the first robot received a new command after {@code instant} (of this run), if one did. */
    public Optional<Instant> firstCommandAfter(Instant instant) {
        return Optional.ofNullable(commandsReceivedMillis.higher(instant.toEpochMilli())).map(Instant::ofEpochMilli);
    }

    public Result run(Settings settings) throws InterruptedException {
        GridMap map = readMap(settings.mapText());
        WarehouseLayout layout = WarehouseLayout.derive(map, SKUS, SKUS_PER_POD, SERVICE_STEPS, CHARGERS, settings.seed());
        int[] starts = DispatchedWarehouse.startCells(map, layout, settings.robots(), new SplittableRandom(settings.seed()));
        String base = "/v1/warehouses/" + settings.warehouseId();
        try (Keys keys = new Keys()) {
            // Every key before the registration: the server faults a robot that has not reported 3 s after it runs.
            SignedClient wms = keys.issue("wms", null);
            List<SignedClient> robotKeys = new ArrayList<>();
            for (int r = 0; r < starts.length; r++) {
                robotKeys.add(keys.issue("robot", robotId(r)));
            }
            keys.awaitKnownToEveryReplica();
            admin.expectSuccess("PUT", "/v1/admin/warehouses/" + settings.warehouseId(), registration(settings, starts));
            // The registration reaches the other replicas with their next rescan of the shared home, as keys do.
            keys.awaitKnownToEveryReplica();
            JsonNode before = state(wms, base);
            List<String> ids = new ArrayList<>();
            before.path("robots").forEach(robot -> ids.add(robot.path("robotId").asText()));
            LiveFloor floor = floor(map, before.path("robots"));
            out.printf("live warehouse %s: %d x %d map, %d robots, %d pods, %d stations; %.1f orders/s for %d s%n",
                    settings.warehouseId(), map.width(), map.height(), ids.size(), layout.pods().size(),
                    layout.stations().size(), settings.ordersPerSecond(), settings.duration().toSeconds());
            Fleet fleet = new Fleet();
            List<Thread> threads = new ArrayList<>();
            for (int r = 0; r < ids.size(); r++) {
                if ("FAULTED".equals(before.path("robots").get(r).path("state").asText())) {
                    out.println("robot " + ids.get(r) + " is faulted (nobody reported for it); it stays where it is");
                    continue;
                }
                Robot robot = new Robot(r, ids.get(r), robotKeys.get(r), base, floor, fleet, settings.moveMillis());
                threads.add(daemon("live-robot-" + ids.get(r), robot));
            }
            if (threads.isEmpty()) {
                throw new IllegalStateException("every robot of warehouse " + settings.warehouseId() + " is faulted: the"
                        + " server faults a robot nobody reports for (after an earlier run, or soon after a restart);"
                        + " run with another --warehouse id");
            }
            TaskLedger ledger = new TaskLedger();
            Orders orders = new Orders(wms, base, layout.skus(), settings.ordersPerSecond(), settings.seed(), fleet, ledger);
            threads.add(daemon("live-wms", orders));
            Thread watcher = daemon("live-task-watcher", () -> watchTasks(wms, base, ledger, fleet));
            long start = System.nanoTime();
            threads.forEach(Thread::start);
            watcher.start();
            long end = start + settings.duration().toNanos();
            for (long left = settings.duration().toMillis(); left > 0; left = (end - System.nanoTime()) / 1_000_000) {
                Thread.sleep(Math.min(PROGRESS_MILLIS, left));
                // The summary follows at the end; a progress line just before it would only repeat it.
                if (end - System.nanoTime() > PROGRESS_MILLIS / 2 * 1_000_000) {
                    progress(state(wms, base), before, start, orders, floor);
                }
            }
            fleet.stop();
            for (Thread thread : threads) {
                thread.join(POLL_WAIT_MILLIS + 5_000);
            }
            watcher.join(POLL_WAIT_MILLIS + 5_000);
            double seconds = (System.nanoTime() - start) / 1e9;
            JsonNode after = state(wms, base);
            ledger.observe(after);
            Set<Long> pickedTwice = ledger.pickedTwice();
            if (!pickedTwice.isEmpty()) {
                out.println("tasks whose line was picked twice: " + pickedTwice);
            }
            return new Result(settings.warehouseId(), threads.size() - 1, seconds,
                    after.path("tick").asLong() - before.path("tick").asLong(), orders.submitted.get(),
                    orders.refused.get(), delta(after, before, "ordersCompleted"), delta(after, before, "linesPicked"),
                    floor.moves(), floor.collisions(), floor.invalidMoves(), fleet.refusedTelemetry.get(),
                    fleet.failedRequests.get(), pickedTwice.size(), ledger.linesUnaccounted(before, after),
                    floor.firstViolation());
        }
    }

    /** Prints a run's outcome: what was finished, throughput, and the validator's verdict. */
    public static void printSummary(Result result, PrintStream out) {
        out.printf("live warehouse done: %d robots for %.0f s, %d dispatcher ticks%n", result.robots(), result.seconds(),
                result.ticks());
        out.printf("  orders submitted %d (refused %d), completed %d; pick tasks finished %d%n", result.ordersSubmitted(),
                result.ordersRefused(), result.ordersCompleted(), result.linesPicked());
        out.printf("  throughput: %.2f tasks per tick, %.1f tasks per minute, %.1f orders per minute%n",
                result.linesPerTick(), result.linesPerMinute(), result.ordersPerMinute());
        out.printf("  validator: %d moves checked, %d collisions, %d invalid moves; refused telemetry %d, failed requests %d%n",
                result.moves(), result.collisions(), result.invalidMoves(), result.refusedTelemetry(), result.failedRequests());
        out.printf("  lines picked twice %d, order lines unaccounted %d%n", result.linesPickedTwice(), result.linesUnaccounted());
        if (result.firstViolation() != null) {
            out.println("  first violation: " + result.firstViolation());
        }
    }

    private void progress(JsonNode now, JsonNode before, long start, Orders orders, LiveFloor floor) {
        out.printf("warehouse %3.0f s: tick %d, orders %d submitted / %d completed, tasks finished %d, queued %d, moves %d,"
                        + " collisions %d%n", (System.nanoTime() - start) / 1e9, now.path("tick").asLong(),
                orders.submitted.get(), delta(now, before, "ordersCompleted"), delta(now, before, "linesPicked"),
                now.path("queuedTasks").asLong(), floor.moves(), floor.collisions());
    }

    private static long delta(JsonNode after, JsonNode before, String field) {
        return after.path(field).asLong() - before.path(field).asLong();
    }

    /**
     * Reads the state {@value #WATCH_MILLIS} ms apart while the fleet runs, so each task's phases are seen: a robot
     * stays at a station for two ticks. A refused read (ownership moving) is skipped.
     */
    private static void watchTasks(SignedClient wms, String base, TaskLedger ledger, Fleet fleet) {
        while (fleet.running()) {
            try {
                HttpResponse<String> response = wms.send("GET", base + "/state", null);
                if (response.statusCode() == 200) {
                    ledger.observe(SignedClient.readJson(response.body()));
                }
            } catch (RuntimeException unreachable) {
                // The replica it reached died; the next read goes elsewhere.
            }
            if (!sleep(WATCH_MILLIS)) {
                return;
            }
        }
    }

    private static JsonNode state(SignedClient wms, String base) {
        return wms.expectJson("GET", base + "/state", null);
    }

    /** Reads a MovingAI map; a malformed one is an {@link IllegalArgumentException} naming the problem. */
    public static GridMap readMap(String mapText) {
        try {
            return new MovingAiMapReader().read("map", new StringReader(mapText));
        } catch (MapFormatException e) {
            throw new IllegalArgumentException("map: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String robotId(int robot) {
        return "robot-" + robot;
    }

    private static String registration(Settings settings, int[] starts) {
        ObjectNode body = JSON.createObjectNode().put("map", settings.mapText()).put("actionModel", "four-connected")
                .put("skuCount", SKUS).put("skusPerPod", SKUS_PER_POD).put("serviceSteps", SERVICE_STEPS)
                .put("chargers", CHARGERS).put("seed", settings.seed());
        ArrayNode robots = body.putArray("robots");
        for (int r = 0; r < starts.length; r++) {
            robots.addObject().put("id", robotId(r)).put("cell", starts[r]);
        }
        return body.toString();
    }

    /** The floor with each robot where the server's state puts it. */
    private static LiveFloor floor(GridMap map, JsonNode robots) {
        int[] cells = new int[robots.size()];
        int[] headings = new int[robots.size()];
        for (int r = 0; r < cells.length; r++) {
            cells[r] = robots.get(r).path("cell").asInt();
            headings[r] = robots.get(r).path("heading").asInt();
        }
        return new LiveFloor(map, ActionModel.FOUR_CONNECTED, cells, headings);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Keys this run issued itself; revoked on close so a finished run leaves no live credentials behind. */
    private final class Keys implements AutoCloseable {
        private final List<String> issued = new ArrayList<>();

        SignedClient issue(String role, String robot) {
            ObjectNode body = JSON.createObjectNode();
            body.putArray("roles").add(role);
            if (robot != null) {
                body.put("robot", robot);
            }
            JsonNode key = admin.expectJson("POST", "/v1/admin/keys", body.toString());
            issued.add(key.path("keyId").asText());
            return new SignedClient(server, key.path("keyId").asText(), key.path("secret").asText(), http);
        }

        /**
         * Replicas behind a load balancer learn a key (or a warehouse) another replica added when they next re-read the
         * shared home (every second): a request before then may meet a replica that answers 401 (or 404).
         */
        void awaitKnownToEveryReplica() throws InterruptedException {
            Thread.sleep(KEY_PROPAGATION_MILLIS);
        }

        @Override
        public void close() {
            for (String keyId : issued) {
                try {
                    admin.expectSuccess("DELETE", "/v1/admin/keys/" + keyId, null);
                } catch (RuntimeException e) {
                    out.println("could not revoke key " + keyId + ": " + e.getMessage());
                }
            }
        }
    }

    /** The run flag and the counters all client threads share. */
    private static final class Fleet {
        private volatile boolean running = true;
        final AtomicLong refusedTelemetry = new AtomicLong();
        final AtomicLong failedRequests = new AtomicLong();

        boolean running() {
            return running;
        }

        void stop() {
            running = false;
        }
    }

    /** One robot: long-polls its command, executes it on the floor, reports where it is. */
    private final class Robot implements Runnable {
        private final int index;
        private final String id;
        private final SignedClient client;
        private final String commands;
        private final String telemetry;
        private final LiveFloor floor;
        private final Fleet fleet;
        private final long moveMillis;
        private long lastSequence = -1;

        Robot(int index, String id, SignedClient client, String base, LiveFloor floor, Fleet fleet, long moveMillis) {
            this.index = index;
            this.id = id;
            this.client = client;
            this.commands = base + "/robots/" + id + "/commands?waitMillis=" + POLL_WAIT_MILLIS;
            this.telemetry = base + "/robots/" + id + "/telemetry";
            this.floor = floor;
            this.fleet = fleet;
            this.moveMillis = moveMillis;
        }

        @Override
        public void run() {
            // A robot reports where it stands as soon as it connects, and again first thing after any failed call:
            // the server faults one silent for 3 s, and a new owner of the warehouse moves no robot until every
            // robot has reported, so a robot that polled first would hold every other one back for a poll's wait.
            boolean mustReport = true;
            while (fleet.running()) {
                try {
                    if (mustReport) {
                        switch (report()) {
                            case FAULTED -> {
                                return;
                            }
                            case HEARD -> mustReport = false;
                            case NO_OWNER -> {
                                if (!sleep(200)) {
                                    return;
                                }
                                continue;
                            }
                        }
                    }
                    HttpResponse<String> response = client.send("GET", commands, null);
                    if (response.statusCode() == 200) {
                        execute(SignedClient.readJson(response.body()));
                    } else if (response.statusCode() != 204) {
                        fleet.failedRequests.incrementAndGet();
                        sleep(200);
                    }
                    mustReport = true;
                } catch (RuntimeException e) {
                    // The server may be restarting; a real robot keeps trying too.
                    fleet.failedRequests.incrementAndGet();
                    mustReport = true;
                    if (!sleep(500)) {
                        return;
                    }
                }
            }
        }

        /** A command is repeated until telemetry confirms it; one already executed is only reported again. */
        private void execute(JsonNode command) {
            long sequence = command.path("sequence").asLong();
            if (sequence == lastSequence) {
                return;
            }
            commandsReceivedMillis.add(System.currentTimeMillis());
            floor.startMove(index, Action.valueOf(command.path("action").asText()), command.path("targetCell").asInt(),
                    command.path("targetHeading").asInt());
            sleep(moveMillis);
            floor.finishMove(index);
            lastSequence = sequence;
        }

        private Report report() {
            String pose = JSON.createObjectNode().put("cell", floor.cell(index)).put("heading", floor.heading(index)).toString();
            HttpResponse<String> response = client.send("POST", telemetry, pose);
            if (response.statusCode() == 200) {
                return Report.HEARD;
            }
            fleet.refusedTelemetry.incrementAndGet();
            if (response.statusCode() == 409 && response.body().contains("faulted")) {
                out.println("robot " + id + " was faulted by the server: " + response.body());
                return Report.FAULTED;
            }
            // A refused pose is still heard: the dispatcher answers it with its next command.
            return response.statusCode() == 503 ? Report.NO_OWNER : Report.HEARD;
        }
    }

    /**
     * What became of a robot's report: heard by the dispatcher (accepted or refused), not heard because no replica
     * runs the warehouse right now, or the robot is faulted and gets no more commands.
     */
    private enum Report { HEARD, NO_OWNER, FAULTED }

    /** The WMS: random orders of 1 to 3 lines at Poisson arrival times. */
    private final class Orders implements Runnable {
        private final SignedClient wms;
        private final String path;
        private final List<String> skus;
        private final double perSecond;
        private final Random random;
        private final Fleet fleet;
        private final TaskLedger ledger;
        private final String runId = Long.toString(System.currentTimeMillis(), 36);
        final AtomicLong submitted = new AtomicLong();
        final AtomicLong refused = new AtomicLong();

        Orders(SignedClient wms, String base, List<String> skus, double perSecond, long seed, Fleet fleet, TaskLedger ledger) {
            this.ledger = ledger;
            this.wms = wms;
            this.path = base + "/orders";
            this.skus = skus;
            this.perSecond = perSecond;
            this.random = new Random(seed);
            this.fleet = fleet;
        }

        @Override
        public void run() {
            long next = 0;
            while (fleet.running()) {
                long waitMillis = (long) (-Math.log(1 - random.nextDouble()) * 1000 / perSecond);
                if (!sleep(waitMillis) || !fleet.running()) {
                    return;
                }
                ObjectNode order = JSON.createObjectNode().put("orderId", "live-" + runId + "-" + ++next);
                ArrayNode lines = order.putArray("lines");
                int count = 1 + random.nextInt(3);
                for (int l = 0; l < count; l++) {
                    lines.addObject().put("sku", skus.get(random.nextInt(skus.size()))).put("quantity", 1 + random.nextInt(2));
                }
                submit(order.path("orderId").asText(), order.toString());
            }
        }

        /**
         * Sends the order until it has an answer that is not "try again": a lost connection (its replica died), a
         * 503 (ownership moving) or a 409 {@code idempotency-in-flight} is sent again, signed anew, under the same
         * {@code Idempotency-Key}, so an order the dead replica had accepted is answered as then, not queued twice.
         */
        private void submit(String orderId, String body) {
            long deadline = System.nanoTime() + ORDER_RETRY_MILLIS * 1_000_000;
            Map<String, String> idempotency = Map.of("Idempotency-Key", orderId);
            while (true) {
                try {
                    HttpResponse<String> response = wms.send("POST", path, body, idempotency);
                    boolean retry = response.statusCode() == 503
                            || (response.statusCode() == 409 && response.body().contains("idempotency-in-flight"));
                    if (!retry) {
                        if (response.statusCode() == 202) {
                            submitted.incrementAndGet();
                            ledger.accepted(SignedClient.readJson(response.body()).path("taskIds").size());
                        } else {
                            refused.incrementAndGet();
                        }
                        return;
                    }
                } catch (RuntimeException e) {
                    fleet.failedRequests.incrementAndGet();
                }
                if (System.nanoTime() > deadline || !sleep(500)) {
                    refused.incrementAndGet();
                    out.println("order " + orderId + " has no answer after " + ORDER_RETRY_MILLIS / 1000 + " s of retries");
                    return;
                }
            }
        }
    }
}
