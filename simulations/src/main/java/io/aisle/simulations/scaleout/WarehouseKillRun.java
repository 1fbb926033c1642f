package io.aisle.simulations.scaleout;

import io.aisle.simulations.live.LiveWarehouse;
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
 * A live warehouse (robots and a WMS over signed HTTP, {@link LiveWarehouse}) driven through the bed's HAProxy while
 * the replica running its dispatcher is killed with SIGKILL and restarted. From the replicas' logs it tells who ran
 * the dispatcher when: no two turns may overlap, and the gap between the killed owner's end and the next owner's
 * start is the pause while ownership moves.
 */
public final class WarehouseKillRun {

    /**
     * @param live what the robots, the WMS and the floor's validator saw
     * @param kills what was killed when
     * @param turns every owner's turn, by start
     * @param overlaps turns of two replicas at once (must be empty)
     * @param handoverPause the longest time no replica ran the dispatcher after a kill
     * @param commandPauses for each kill, the time until a robot received its first command from the new owner
     *                      (absent when none came before the run ended)
     */
    public record Result(LiveWarehouse.Result live, List<String> kills, List<String> turns, List<String> overlaps,
                         Duration handoverPause, List<Optional<Duration>> commandPauses) {

        public Result {
            kills = List.copyOf(kills);
            turns = List.copyOf(turns);
            overlaps = List.copyOf(overlaps);
            commandPauses = List.copyOf(commandPauses);
        }

        /** The longest pause from a kill to the next command a robot received; absent if one never ended. */
        public Optional<Duration> longestCommandPause() {
            Duration longest = Duration.ZERO;
            for (Optional<Duration> pause : commandPauses) {
                if (pause.isEmpty()) {
                    return Optional.empty();
                }
                longest = pause.get().compareTo(longest) > 0 ? pause.get() : longest;
            }
            return Optional.of(longest);
        }
    }

    private WarehouseKillRun() {
    }

    /**
     * A MovingAI map of {@code blocksAcross x blocksDown} shelving blocks of six cells, as in
     * {@link LiveWarehouse#SMALL_MAP}: two free cells around and between the blocks, so a large fleet finds start
     * cells and aisles (12 x 10 blocks: 122 x 32 cells, 720 shelf cells).
     */
    public static String shelvingMap(int blocksAcross, int blocksDown) {
        if (blocksAcross < 1 || blocksDown < 1) {
            throw new IllegalArgumentException("blocks must be >= 1 but were " + blocksAcross + " x " + blocksDown);
        }
        int width = 2 + 10 * blocksAcross;
        int height = 2 + 3 * blocksDown;
        StringBuilder map = new StringBuilder("type octile\nheight " + height + "\nwidth " + width + "\nmap\n");
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean shelf = y % 3 == 2 && y < height - 2 && x % 10 >= 2 && x % 10 < 8 && x < width - 2;
                map.append(shelf ? '@' : '.');
            }
            map.append('\n');
        }
        return map.toString();
    }

    /**
     * Runs the warehouse for {@code settings.duration()}; at each of {@code killsAt} (after the start) kills the
     * replica that owns the warehouse then and starts it again at once (it rejoins as a follower).
     */
    public static Result run(ScaleOutBed bed, LiveWarehouse.Settings settings, List<Duration> killsAt, PrintStream progress)
            throws IOException, InterruptedException {
        String warehouseKey = ScaleOutBed.TENANT + ":" + settings.warehouseId();
        LiveWarehouse warehouse = new LiveWarehouse(bed.base(), bed.key().keyId(), bed.key().secret(), progress);
        AtomicReference<LiveWarehouse.Result> outcome = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread live = new Thread(() -> {
            try {
                outcome.set(warehouse.run(settings));
            } catch (InterruptedException | RuntimeException e) {
                failure.set(e);
            }
        }, "live-warehouse");
        List<Path> logs = new ArrayList<>();
        for (int r = 0; r < bed.replicaCount(); r++) {
            logs.add(bed.log(r));
        }
        Map<Integer, List<Instant>> kills = new HashMap<>();
        List<String> killLines = new ArrayList<>();
        List<Instant> killedAt = new ArrayList<>();
        long start = System.nanoTime();
        live.start();
        for (Duration at : killsAt) {
            long wait = start + at.toNanos() - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000);
            }
            List<OwnershipLog.Turn> turns = OwnershipLog.warehouseTurns(logs, warehouseKey, kills);
            if (turns.isEmpty() || !turns.get(turns.size() - 1).end().equals(Instant.MAX)) {
                killLines.add(String.format("%6.1f s  no replica owned %s: nothing killed", (System.nanoTime() - start) / 1e9, warehouseKey));
                continue;
            }
            int owner = turns.get(turns.size() - 1).replica();
            bed.kill(owner);
            Instant killed = Instant.now();
            kills.computeIfAbsent(owner, r -> new ArrayList<>()).add(killed);
            killedAt.add(killed);
            bed.restart(owner);
            String line = String.format("%6.1f s  kill -9 replica %d (owner of %s), restarted", (System.nanoTime() - start) / 1e9,
                    owner, warehouseKey);
            killLines.add(line);
            progress.println(line);
        }
        live.join();
        if (failure.get() != null) {
            throw new IllegalStateException("the live warehouse failed: " + failure.get(), failure.get());
        }
        List<OwnershipLog.Turn> turns = OwnershipLog.warehouseTurns(logs, warehouseKey, kills);
        List<Optional<Duration>> commandPauses = killedAt.stream()
                .map(kill -> warehouse.firstCommandAfter(kill).map(first -> Duration.between(kill, first))).toList();
        return new Result(outcome.get(), killLines, turns.stream().map(Object::toString).toList(),
                OwnershipLog.overlaps(turns), OwnershipLog.longestHandover(turns), commandPauses);
    }
}
