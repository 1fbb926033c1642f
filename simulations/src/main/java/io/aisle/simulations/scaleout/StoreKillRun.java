package io.aisle.simulations.scaleout;

import io.aisle.simulations.live.LiveStore;
import io.aisle.simulations.store.ReceiptListing;
import io.aisle.simulations.store.StoreScenario;
import io.aisle.simulations.vision.CameraChainBenchmark;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A checkout-free store streaming from cameras ({@link LiveStore}) through the bed's HAProxy while the replica that
 * owns the store's partition is killed with SIGKILL, then the next owner, then both are restarted. The receipts are
 * compared line by line ({@link ReceiptListing}) with the same seed run in process, through the same pipeline without
 * a server: a kill may pause the store, never change what it charges. From the replicas' logs it tells who owned the
 * store when, and the pause from each kill until a new owner took the store (its first record applied).
 */
public final class StoreKillRun {

    /** Restarts of the killed replicas are this far apart, as an operator bringing them back one by one. */
    private static final Duration RESTART_SPACING = Duration.ofSeconds(5);

    /**
     * @param live what the live store posted and read
     * @param reference the in-process run's receipts, one a line
     * @param served the receipts the replicas issued, one a line, on the simulator's clock
     * @param differences a line per receipt found on one side only (empty: identical)
     * @param kills what was killed and restarted when
     * @param turns every owner's turn of the store, by start
     * @param overlaps turns of two replicas at once (must be empty)
     * @param takeoverPauses for each kill, the time until another replica took the store (absent: none did)
     * @param receiptPauses for each kill, the time until the client read a new receipt (absent: none came)
     */
    public record Result(LiveStore.Result live, List<String> reference, List<String> served, List<String> differences,
                         List<String> kills, List<String> turns, List<String> overlaps,
                         List<Optional<Duration>> takeoverPauses, List<Optional<Duration>> receiptPauses) {

        public Result {
            reference = List.copyOf(reference);
            served = List.copyOf(served);
            differences = List.copyOf(differences);
            kills = List.copyOf(kills);
            turns = List.copyOf(turns);
            overlaps = List.copyOf(overlaps);
            takeoverPauses = List.copyOf(takeoverPauses);
            receiptPauses = List.copyOf(receiptPauses);
        }

        public boolean identical() {
            return reference.equals(served);
        }
    }

    private StoreKillRun() {
    }

    /**
     * Runs the scenario in process, then live at {@code speed} times real time with {@code kills} owners killed
     * (evenly spread over the first two thirds of the run, each one the store's owner at that moment) and restarted
     * after the last kill, one after the other; {@code kills} 0 runs it undisturbed.
     */
    public static Result run(ScaleOutBed bed, StoreScenario scenario, long seed, double speed, int kills, PrintStream progress)
            throws IOException, InterruptedException {
        if (kills < 0 || kills >= bed.replicaCount()) {
            throw new IllegalArgumentException("kills must be in [0, " + (bed.replicaCount() - 1) + "] but was " + kills);
        }
        Reference reference = reference(scenario, seed, speed, progress);
        Killer killer = new Killer(bed, progress);
        Live live = start(bed, reference, progress);
        List<Instant> ownerKills = new ArrayList<>();
        List<Integer> down = new ArrayList<>();
        for (int k = 1; k <= kills; k++) {
            killer.sleepUntil(reference.length().multipliedBy(2L * k).dividedBy(3L * (kills + 1)));
            Optional<Integer> owner = live.owner(killer);
            if (owner.isEmpty() || !live.thread.isAlive()) {
                killer.log("no replica owned " + live.storeKey + ": nothing killed");
                continue;
            }
            ownerKills.add(killer.kill(owner.get()));
            down.add(owner.get());
            killer.log("kill -9 replica " + owner.get() + " (owner of " + live.storeKey + ")");
        }
        restartOneByOne(killer, down, reference.length().multipliedBy(2).dividedBy(3));
        return finish(live, killer, ownerKills);
    }

    /** From {@code at} on, restarts {@code replicas} one after the other, {@link #RESTART_SPACING} apart. */
    static void restartOneByOne(Killer killer, List<Integer> replicas, Duration at) throws IOException, InterruptedException {
        for (int replica : replicas) {
            killer.sleepUntil(at);
            killer.restart(replica);
            killer.log("restart replica " + replica);
            Thread.sleep(RESTART_SPACING.toMillis());
        }
    }

    /**
     * The in-process run's receipts, one a line, and how long the live store will stream.
     */
    public record Reference(StoreScenario scenario, long seed, double speed, List<String> receipts, Duration length) {

        public Reference {
            receipts = List.copyOf(receipts);
        }
    }

    /** Runs the scenario in process, through the same pipeline as the server, without one. */
    public static Reference reference(StoreScenario scenario, long seed, double speed, PrintStream progress) {
        CameraChainBenchmark.Result inProcess = CameraChainBenchmark.run(scenario, seed, CameraChainBenchmark.Options.defaults(false));
        List<String> reference = ReceiptListing.lines(inProcess.receipts(), 0);
        Duration length = Duration.ofMillis((long) (inProcess.truth().durationSeconds() * 1000 / speed));
        progress.printf("in process: %d receipts; the live store runs about %d s%n", reference.size(), length.toSeconds());
        return new Reference(scenario, seed, speed, reference, length);
    }

    /** The store streaming on its own thread; {@link #finish} waits for it. */
    public static final class Live {

        private final ScaleOutBed bed;
        private final Reference reference;
        private final String storeKey;
        private final LiveStore store;
        private final Thread thread;
        private final AtomicReference<LiveStore.Result> outcome = new AtomicReference<>();
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        private Live(ScaleOutBed bed, Reference reference, PrintStream progress) {
            this.bed = bed;
            this.reference = reference;
            storeKey = ScaleOutBed.TENANT + ":" + CameraChainBenchmark.layoutFor(reference.scenario(), reference.seed()).storeId();
            store = new LiveStore(bed.base(), bed.key().keyId(), bed.key().secret(), progress);
            thread = new Thread(() -> {
                try {
                    outcome.set(store.run(reference.scenario(), reference.seed(), reference.speed(), true));
                } catch (InterruptedException | RuntimeException e) {
                    failure.set(e);
                }
            }, "live-store");
        }

        /** The replica that owns the store now, from the replicas' logs; empty while none does. */
        public Optional<Integer> owner(Killer killer) throws IOException {
            return openTurn(OwnershipLog.storeTurns(bed.logs(), storeKey, killer.kills())).map(OwnershipLog.Turn::replica);
        }
    }

    /** Starts streaming the store and returns at once; whoever holds it kills replicas meanwhile. */
    public static Live start(ScaleOutBed bed, Reference reference, PrintStream progress) {
        Live live = new Live(bed, reference, progress);
        live.thread.start();
        return live;
    }

    /**
     * Waits for the store to end and compares its receipts with the reference.
     *
     * @param ownerKills the kills of the replica that owned the store then: each one's pause until a new owner
     */
    public static Result finish(Live live, Killer killer, List<Instant> ownerKills) throws IOException, InterruptedException {
        live.thread.join();
        if (live.failure.get() != null) {
            throw new IllegalStateException("the live store failed: " + live.failure.get(), live.failure.get());
        }
        LiveStore.Result result = live.outcome.get();
        List<String> reference = live.reference.receipts();
        List<String> served = ReceiptListing.lines(result.receipts(), result.clockOffsetMillis());
        List<OwnershipLog.Turn> turns = OwnershipLog.storeTurns(live.bed.logs(), live.storeKey, killer.kills());
        List<Optional<Duration>> takeovers = ownerKills.stream().map(kill -> turns.stream().map(OwnershipLog.Turn::start)
                .filter(begun -> begun.isAfter(kill)).findFirst().map(begun -> Duration.between(kill, begun))).toList();
        List<Optional<Duration>> receipts = ownerKills.stream()
                .map(kill -> live.store.firstReceiptAfter(kill).map(read -> Duration.between(kill, read))).toList();
        return new Result(result, reference, served, differences(reference, served), killer.timeline(),
                turns.stream().map(Object::toString).toList(), OwnershipLog.overlaps(turns), takeovers, receipts);
    }

    /**
     * The lines of each listing the other lacks, as many times as it lacks them, marked {@code -} (reference only)
     * and {@code +} (served only), in listing order: a receipt changed shows as one of each.
     */
    static List<String> differences(List<String> reference, List<String> served) {
        Map<String, Integer> unmatched = new HashMap<>();
        served.forEach(line -> unmatched.merge(line, 1, Integer::sum));
        List<String> differences = new ArrayList<>();
        for (String line : reference) {
            if (unmatched.merge(line, -1, Integer::sum) < 0) {
                differences.add("- " + line);
            }
        }
        Map<String, Integer> expected = new HashMap<>();
        reference.forEach(line -> expected.merge(line, 1, Integer::sum));
        for (String line : served) {
            if (expected.merge(line, -1, Integer::sum) < 0) {
                differences.add("+ " + line);
            }
        }
        return differences;
    }

    private static Optional<OwnershipLog.Turn> openTurn(List<OwnershipLog.Turn> turns) {
        return turns.stream().filter(turn -> turn.end().equals(Instant.MAX)).reduce((first, last) -> last);
    }
}
