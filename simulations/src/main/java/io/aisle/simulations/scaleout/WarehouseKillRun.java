package io.aisle.simulations.scaleout;

import io.aisle.simulations.live.LiveWarehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        Killer killer = new Killer(bed, progress);
        Live live = start(bed, settings, progress);
        List<Instant> ownerKills = new ArrayList<>();
        for (Duration at : killsAt) {
            killer.sleepUntil(at);
            Optional<Integer> owner = live.owner(killer);
            if (owner.isEmpty()) {
                killer.log("no replica owned " + live.warehouseKey + ": nothing killed");
                continue;
            }
            ownerKills.add(killer.kill(owner.get()));
            killer.restart(owner.get());
            killer.log("kill -9 replica " + owner.get() + " (owner of " + live.warehouseKey + "), restarted");
        }
        return finish(live, killer, ownerKills);
    }

    /** The warehouse running on its own thread; {@link #finish} waits for it. */
    public static final class Live {

        private final ScaleOutBed bed;
        private final String warehouseKey;
        private final LiveWarehouse warehouse;
        private final Thread thread;
        private final AtomicReference<LiveWarehouse.Result> outcome = new AtomicReference<>();
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        private Live(ScaleOutBed bed, LiveWarehouse.Settings settings, PrintStream progress) {
            this.bed = bed;
            warehouseKey = ScaleOutBed.TENANT + ":" + settings.warehouseId();
            warehouse = new LiveWarehouse(bed.base(), bed.key().keyId(), bed.key().secret(), progress);
            thread = new Thread(() -> {
                try {
                    outcome.set(warehouse.run(settings));
                } catch (InterruptedException | RuntimeException e) {
                    failure.set(e);
                }
            }, "live-warehouse");
        }

        /** The replica running the warehouse's dispatcher now, from the replicas' logs; empty while none does. */
        public Optional<Integer> owner(Killer killer) throws IOException {
            List<OwnershipLog.Turn> turns = OwnershipLog.warehouseTurns(bed.logs(), warehouseKey, killer.kills());
            if (turns.isEmpty() || !turns.get(turns.size() - 1).end().equals(Instant.MAX)) {
                return Optional.empty();
            }
            return Optional.of(turns.get(turns.size() - 1).replica());
        }
    }

    /** Starts the warehouse and returns at once; whoever holds it kills replicas meanwhile. */
    public static Live start(ScaleOutBed bed, LiveWarehouse.Settings settings, PrintStream progress) {
        Live live = new Live(bed, settings, progress);
        live.thread.start();
        return live;
    }

    /**
     * Waits for the warehouse to end and reads who ran it when.
     *
     * @param ownerKills the kills of the replica that owned the warehouse then: each one's pause until a command came
     */
    public static Result finish(Live live, Killer killer, List<Instant> ownerKills) throws IOException, InterruptedException {
        live.thread.join();
        if (live.failure.get() != null) {
            throw new IllegalStateException("the live warehouse failed: " + live.failure.get(), live.failure.get());
        }
        List<OwnershipLog.Turn> turns = OwnershipLog.warehouseTurns(live.bed.logs(), live.warehouseKey, killer.kills());
        List<Optional<Duration>> commandPauses = ownerKills.stream()
                .map(kill -> live.warehouse.firstCommandAfter(kill).map(first -> Duration.between(kill, first))).toList();
        return new Result(live.outcome.get(), killer.timeline(), turns.stream().map(Object::toString).toList(),
                OwnershipLog.overlaps(turns), OwnershipLog.longestHandover(turns), commandPauses);
    }
}
