package io.aisle.simulations.cli;

import io.aisle.simulations.live.LiveStore;
import io.aisle.simulations.live.LiveWarehouse;
import io.aisle.simulations.scaleout.ScaleOutBed;
import io.aisle.simulations.scaleout.StoreKillRun;
import io.aisle.simulations.store.StoreScenario;
import io.aisle.simulations.vision.CameraChainBenchmark;
import io.aisle.simulations.scaleout.WarehouseKillRun;
import io.aisle.simulations.scaleout.StorefrontKillRun;
import io.aisle.simulations.scaleout.TogetherKillRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./aisle bench scale-out}: the scale-out bed (replicas sharing one home, a redis-server and a Kafka broker,
 * HAProxy in front, all separate processes on loopback), then signed storefront load through HAProxy while one
 * replica is killed with SIGKILL, then another, then both are restarted. Prints requests, the failures the client
 * saw and the latency; then a live warehouse whose owner is killed twice (who ran its dispatcher when, collisions,
 * the pause while ownership moved); then a store streaming from cameras whose owner is killed twice, its receipts
 * compared line by line with the same seed run in process ({@code --parts store}). Exit code 1 when any storefront
 * request failed, two dispatchers ran at once, the robots' validator saw a collision or the store's receipts differ. {@code --together} runs the three
 * at once under one kill schedule ({@link TogetherKillRun}), each judged as alone. {@code --hold} starts the bed and keeps it running.
 */
@Command(name = "scale-out", mixinStandardHelpOptions = true,
        description = {"Kill replicas behind HAProxy under storefront load; or, with --hold, start the bed and keep it running.",
                "Needs the built serving and testing jars, /usr/sbin/haproxy and /usr/bin/redis-server."})
final class BenchScaleOutCommand implements Callable<Integer> {

    @Option(names = "--duration", defaultValue = "120s", description = "Length of the storefront load (default ${DEFAULT-VALUE}); "
            + "replica 0 is killed at 1/6 of it, replica 1 at 1/3, restarted at 5/12 and 7/12.")
    String duration;

    @Option(names = "--connections", defaultValue = "8", description = "Concurrent client connections (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--replicas", defaultValue = "3", description = "Server replicas behind HAProxy, >= 2 (default ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--server-heap", defaultValue = "640m", description = "Each replica's -Xmx (default ${DEFAULT-VALUE}).")
    String serverHeap;

    @Option(names = "--items", defaultValue = "20000", description = "Catalogue size of the synthetic tenant (default ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the models and the request mix (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--serving-jar", description = "The serving jar (default: serving/target/aisle-serving.jar of this checkout).")
    Path servingJar;

    @Option(names = "--robots", defaultValue = "200", description = "Robots of the live warehouse run after the storefront load; 0 skips it (default ${DEFAULT-VALUE}).")
    int robots;

    @Option(names = "--warehouse-duration", defaultValue = "60s", description = "Length of the warehouse run (default ${DEFAULT-VALUE});"
            + " its owner is killed -9 and restarted at 1/3 and 2/3 of it.")
    String warehouseDuration;

    @Option(names = "--warehouse-kills", defaultValue = "2", description = "How many times the warehouse's owner is killed,"
            + " evenly spread over the run; 0 runs it undisturbed, for comparison (default ${DEFAULT-VALUE}).")
    int warehouseKills;

    @Option(names = "--store-scenario", defaultValue = "crowd", description = "Scenario of the store streaming from cameras:"
            + " ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    SimulateStoreLiveCommand.Scenario storeScenario;

    @Option(names = "--store-minutes", defaultValue = "2", description = "Minutes of shopper arrivals in the store (default ${DEFAULT-VALUE}).")
    double storeMinutes;

    @Option(names = "--store-speed", defaultValue = "2", description = "Multiple of real time the store streams at (default ${DEFAULT-VALUE}).")
    double storeSpeed;

    @Option(names = "--store-kills", defaultValue = "2", description = "How many times the store's owner is killed -9 (each"
            + " time the one owning it then; restarted after the last); 0 runs it undisturbed, for comparison (default ${DEFAULT-VALUE}).")
    int storeKills;

    @Option(names = "--parts", defaultValue = "storefront,warehouse", split = ",",
            description = "Which kill runs, in this order: storefront, warehouse, store (default ${DEFAULT-VALUE}).")
    List<String> parts;

    @Option(names = "--together", description = "Run storefront, warehouse and store at once, under one schedule: the"
            + " warehouse's owner killed -9 at 2/9 of the shortest, the store's owner at 4/9, both restarted from 2/3; --parts and"
            + " the per-part kill counts do not apply.")
    boolean together;

    @Option(names = "--hold", description = "Start the bed, print its URL and a key, and keep it running until interrupted (Ctrl-C).")
    boolean hold;

    @Override
    public Integer call() throws Exception {
        Duration load = BenchServingCommand.parse("--duration", duration);
        if (connections < 1) {
            throw new IllegalArgumentException("--connections must be >= 1 but was " + connections);
        }
        if (!hold && replicas < 2) {
            throw new IllegalArgumentException("--replicas must be >= 2 to kill two of them but was " + replicas);
        }
        Duration warehouseRun = BenchServingCommand.parse("--warehouse-duration", warehouseDuration);
        if (warehouseKills < 0) {
            throw new IllegalArgumentException("--warehouse-kills must be >= 0 but was " + warehouseKills);
        }
        if (robots < 0) {
            throw new IllegalArgumentException("--robots must be >= 0 but was " + robots);
        }
        if (storeKills < 0 || storeKills >= replicas) {
            throw new IllegalArgumentException("--store-kills must be in [0, " + (replicas - 1) + "] but was " + storeKills);
        }
        if (!(storeMinutes > 0) || Double.isInfinite(storeMinutes) || !(storeSpeed > 0) || Double.isInfinite(storeSpeed)) {
            throw new IllegalArgumentException("--store-minutes and --store-speed must be > 0 but were " + storeMinutes + " and " + storeSpeed);
        }
        List<String> known = List.of("storefront", "warehouse", "store");
        for (String part : parts) {
            if (!known.contains(part)) {
                throw new IllegalArgumentException("--parts takes " + String.join(", ", known) + " but was '" + part + "'");
            }
        }
        if (together && robots == 0) {
            throw new IllegalArgumentException("--together needs --robots >= 1");
        }
        if (!hold && load.compareTo(Duration.ofSeconds(12)) < 0) {
            throw new IllegalArgumentException("--duration must be >= 12s to fit the kills and restarts but was " + duration);
        }
        ScaleOutBed.Settings settings = new ScaleOutBed.Settings(replicas, serverHeap, items, seed, Optional.ofNullable(servingJar));
        List<String> missing = ScaleOutBed.missing(settings.servingJar());
        if (!missing.isEmpty()) {
            System.err.println("aisle: the scale-out bed needs " + String.join(", ", missing));
            return 1;
        }
        try (ScaleOutBed bed = ScaleOutBed.start(settings, Path.of(System.getProperty("java.io.tmpdir")), System.err)) {
            if (hold) {
                return hold(bed);
            }
            if (together) {
                boolean passed = together(bed, load, warehouseRun);
                System.out.println("logs in " + bed.home());
                return passed ? 0 : 1;
            }
            boolean passed = true;
            for (String part : parts) {
                passed &= switch (part) {
                    case "storefront" -> storefront(bed, load);
                    case "warehouse" -> robots == 0 || warehouse(bed, warehouseRun);
                    case "store" -> store(bed);
                    default -> throw new IllegalStateException("unchecked part " + part);
                };
                System.out.flush();
            }
            System.out.println("logs in " + bed.home());
            return passed ? 0 : 1;
        }
    }

    /** Storefront load with two replicas killed and restarted; true when the client saw no failed request. */
    private boolean storefront(ScaleOutBed bed, Duration load) throws Exception {
        StorefrontKillRun.Result result = StorefrontKillRun.run(bed, connections, load,
                StorefrontKillRun.killTwoThenRestart(load), seed, System.err);
        System.err.println("waiting for every replica to be back in rotation...");
        bed.awaitInRotation(replicas, Duration.ofMinutes(3));
        return print(result);
    }

    /** Prints the storefront's figures; true when the client saw no failed request. */
    private boolean print(StorefrontKillRun.Result result) {
        System.out.printf("storefront through HAProxy, %d replicas, %d connections, %.0f s:%n", replicas, connections, result.seconds());
        result.timeline().forEach(line -> System.out.println("  " + line));
        System.out.printf("  requests %,d (%.0f rps), failed %d, p99 %.1f ms, max %.1f ms%n", result.requests(),
                result.requests() / result.seconds(), result.failed(), result.p99Millis(), result.maxMillis());
        if (result.firstFailure() != null) {
            System.out.println("  first failure: " + result.firstFailure());
        }
        return result.failed() == 0;
    }

    /** The live warehouse with its owner killed twice; true when no two dispatchers ran and no robot collided. */
    private boolean warehouse(ScaleOutBed bed, Duration length) throws Exception {
        LiveWarehouse.Settings settings = warehouseSettings(length);
        List<Duration> killsAt = new ArrayList<>();
        for (int k = 1; k <= warehouseKills; k++) {
            killsAt.add(length.multipliedBy(k).dividedBy(warehouseKills + 1));
        }
        WarehouseKillRun.Result result = WarehouseKillRun.run(bed, settings, killsAt, System.err);
        boolean passed = print(result);
        bed.awaitInRotation(replicas, Duration.ofMinutes(3));
        return passed;
    }

    private LiveWarehouse.Settings warehouseSettings(Duration length) {
        // 12 x 10 shelving blocks: 122 x 32 cells, room for a few hundred robots to start and pass.
        return new LiveWarehouse.Settings("scale-out-warehouse", WarehouseKillRun.shelvingMap(12, 10),
                robots, length, Math.max(1, robots / 20.0), 100, seed);
    }

    /** Prints the warehouse's figures; true when no two dispatchers ran, no robot collided and no line was lost or picked twice. */
    private static boolean print(WarehouseKillRun.Result result) {
        LiveWarehouse.Result live = result.live();
        System.out.printf("warehouse through HAProxy, %d robots, %.0f s:%n", live.robots(), live.seconds());
        result.kills().forEach(line -> System.out.println("  " + line));
        result.turns().forEach(turn -> System.out.println("  owner " + turn));
        System.out.printf("  orders submitted %d (refused %d), completed %d; lines picked %d; moves %d, collisions %d, invalid moves %d;"
                        + " failed robot requests %d%n", live.ordersSubmitted(), live.ordersRefused(), live.ordersCompleted(),
                live.linesPicked(), live.moves(), live.collisions(), live.invalidMoves(), live.failedRequests());
        System.out.printf("  lines picked twice %d, order lines unaccounted (lost) %d%n", live.linesPickedTwice(), live.linesUnaccounted());
        System.out.printf("  two dispatchers at once: %d; longest time no replica ran the dispatcher: %.1f s%n", result.overlaps().size(),
                result.handoverPause().toMillis() / 1e3);
        System.out.println("  kill -9 -> first command of the new owner: " + result.commandPauses().stream()
                .map(pause -> pause.map(p -> String.format("%.1f s", p.toMillis() / 1e3)).orElse("none before the end"))
                .toList());
        if (live.firstViolation() != null) {
            System.out.println("  first violation: " + live.firstViolation());
        }
        return result.overlaps().isEmpty() && live.collisions() == 0 && live.invalidMoves() == 0 && live.linesPickedTwice() == 0
                && live.linesUnaccounted() == 0;
    }

    /** The store streaming from cameras with its owner killed; true when its receipts equal the in-process run's. */
    private boolean store(ScaleOutBed bed) throws Exception {
        StoreKillRun.Result result = StoreKillRun.run(bed, storeScenario(), seed, storeSpeed, storeKills, System.err);
        boolean passed = print(result);
        bed.awaitInRotation(replicas, Duration.ofMinutes(3));
        return passed;
    }

    private StoreScenario storeScenario() {
        return CameraChainBenchmark.scenarioNamed(storeScenario.name()).withMinutes(storeMinutes);
    }

    /** Prints the store's figures; true when its receipts equal the in-process run's and it never had two owners. */
    private boolean print(StoreKillRun.Result result) {
        LiveStore.Result live = result.live();
        System.out.printf("store %s from %d cameras through HAProxy, scenario %s, seed %d, %.0fx real time:%n", live.store(),
                live.cameras(), storeScenario, seed, storeSpeed);
        result.kills().forEach(line -> System.out.println("  " + line));
        result.turns().forEach(turn -> System.out.println("  owner " + turn));
        System.out.printf("  receipts identical to the in-process run, line by line: %s (%d served, %d in process)%n",
                result.identical() ? "yes" : "no", result.served().size(), result.reference().size());
        result.differences().forEach(line -> System.out.println("    " + line));
        System.out.printf("  failed client requests: %d posts sent again (none lost), %d receipt polls failed%n",
                live.failedPosts(), live.failedReceiptPolls());
        System.out.println("  two owners at once: " + result.overlaps().size());
        System.out.println("  kill -9 -> a new owner took the store: " + seconds(result.takeoverPauses()));
        System.out.println("  kill -9 -> the next receipt read: " + seconds(result.receiptPauses()));
        return result.identical() && result.overlaps().isEmpty();
    }

    /** The three workloads at once under one kill schedule; true when every workload's verdicts pass. */
    private boolean together(ScaleOutBed bed, Duration load, Duration warehouseRun) throws Exception {
        StoreKillRun.Reference reference = StoreKillRun.reference(storeScenario(), seed, storeSpeed, System.err);
        TogetherKillRun.Result result = TogetherKillRun.run(bed, connections, load, seed, warehouseSettings(warehouseRun),
                reference, System.err);
        System.out.println("together: storefront, warehouse and store at once, one kill schedule");
        // Each part is judged on its own, and all three are printed whatever the first one says.
        boolean storefront = print(result.storefront());
        boolean warehouse = print(result.warehouse());
        boolean store = print(result.store());
        System.out.printf("  verdicts: storefront %s, warehouse %s, store %s%n", pass(storefront), pass(warehouse), pass(store));
        bed.awaitInRotation(replicas, Duration.ofMinutes(3));
        return storefront && warehouse && store;
    }

    private static String pass(boolean passed) {
        return passed ? "pass" : "FAIL";
    }

    private static List<String> seconds(List<Optional<Duration>> pauses) {
        return pauses.stream().map(pause -> pause.map(p -> String.format("%.1f s", p.toMillis() / 1e3)).orElse("none")).toList();
    }

    private static int hold(ScaleOutBed bed) throws InterruptedException {
        System.out.println("URL:        " + bed.base());
        System.out.println("tenant:     " + ScaleOutBed.TENANT + " (roles " + ScaleOutBed.ROLES + ")");
        System.out.println("key id:     " + bed.key().keyId());
        System.out.println("secret:     " + bed.key().secret());
        System.out.println("an item:    " + bed.models().itemIds().get(0) + "   a user: " + bed.models().userIds().get(0));
        System.out.println("Redis:      " + bed.redisUrl() + "   Kafka: " + bed.kafkaBootstrap());
        System.out.println("home, logs: " + bed.home());
        System.out.println("try:        AISLE_KEY_ID=" + bed.key().keyId() + " AISLE_KEY_SECRET=" + bed.key().secret() + " ./aisle sign '"
                + bed.base() + "/v1/recommendations/also-bought?item=" + bed.models().itemIds().get(0) + "&k=5' | sh");
        System.out.println("running until interrupted (Ctrl-C)");
        System.out.flush();
        Thread.currentThread().join();
        return 0;
    }
}
