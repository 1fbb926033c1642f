package io.aisle.simulations.scaleout;

import io.aisle.simulations.live.LiveStore;
import io.aisle.simulations.store.ReceiptListing;
import io.aisle.simulations.store.StoreScenario;
import io.aisle.simulations.vision.CameraChainBenchmark;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
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
        CameraChainBenchmark.Result inProcess = CameraChainBenchmark.run(scenario, seed, CameraChainBenchmark.Options.defaults(false));
        List<String> reference = ReceiptListing.lines(inProcess.receipts(), 0);
        Duration length = Duration.ofMillis((long) (inProcess.truth().durationSeconds() * 1000 / speed));
        progress.printf("in process: %d receipts; the live store runs about %d s%n", reference.size(), length.toSeconds());

        LiveStore store = new LiveStore(bed.base(), bed.key().keyId(), bed.key().secret(), progress);
        AtomicReference<LiveStore.Result> outcome = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread live = new Thread(() -> {
            try {
                outcome.set(store.run(scenario, seed, speed, true));
            } catch (InterruptedException | RuntimeException e) {
                failure.set(e);
            }
        }, "live-store");
        String storeKey = ScaleOutBed.TENANT + ":" + CameraChainBenchmark.layoutFor(scenario, seed).storeId();
        List<Path> logs = new ArrayList<>();
        for (int r = 0; r < bed.replicaCount(); r++) {
            logs.add(bed.log(r));
        }
        Map<Integer, List<Instant>> killedReplicas = new HashMap<>();
        List<Instant> killedAt = new ArrayList<>();
        List<Integer> down = new ArrayList<>();
        List<String> timeline = new ArrayList<>();
        long start = System.nanoTime();
        live.start();
        for (int k = 1; k <= kills; k++) {
            sleepUntil(start, length.multipliedBy(2L * k).dividedBy(3L * (kills + 1)));
            Optional<OwnershipLog.Turn> owner = openTurn(OwnershipLog.storeTurns(logs, storeKey, killedReplicas));
            if (owner.isEmpty() || !live.isAlive()) {
                timeline.add(line(start, "no replica owned " + storeKey + ": nothing killed"));
                progress.println(timeline.get(timeline.size() - 1));
                continue;
            }
            int replica = owner.get().replica();
            bed.kill(replica);
            Instant killed = Instant.now();
            killedReplicas.computeIfAbsent(replica, r -> new ArrayList<>()).add(killed);
            killedAt.add(killed);
            down.add(replica);
            timeline.add(line(start, "kill -9 replica " + replica + " (owner of " + storeKey + ")"));
            progress.println(timeline.get(timeline.size() - 1));
        }
        for (int replica : down) {
            sleepUntil(start, length.multipliedBy(2).dividedBy(3));
            bed.restart(replica);
            timeline.add(line(start, "restart replica " + replica));
            progress.println(timeline.get(timeline.size() - 1));
            Thread.sleep(RESTART_SPACING.toMillis());
        }
        live.join();
        if (failure.get() != null) {
            throw new IllegalStateException("the live store failed: " + failure.get(), failure.get());
        }
        LiveStore.Result result = outcome.get();
        List<String> served = ReceiptListing.lines(result.receipts(), result.clockOffsetMillis());
        List<OwnershipLog.Turn> turns = OwnershipLog.storeTurns(logs, storeKey, killedReplicas);
        List<Optional<Duration>> takeovers = killedAt.stream().map(kill -> turns.stream().map(OwnershipLog.Turn::start)
                .filter(begun -> begun.isAfter(kill)).findFirst().map(begun -> Duration.between(kill, begun))).toList();
        List<Optional<Duration>> receipts = killedAt.stream()
                .map(kill -> store.firstReceiptAfter(kill).map(read -> Duration.between(kill, read))).toList();
        return new Result(result, reference, served, differences(reference, served), timeline,
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

    private static void sleepUntil(long startNanos, Duration at) throws InterruptedException {
        long wait = startNanos + at.toNanos() - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
        }
    }

    private static String line(long startNanos, String what) {
        return String.format("%6.1f s  %s", (System.nanoTime() - startNanos) / 1e9, what);
    }
}
