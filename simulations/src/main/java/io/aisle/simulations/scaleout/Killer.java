package io.aisle.simulations.scaleout;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kills and restarts the bed's replicas and keeps the ledger the kill runs measure against: when each replica was
 * killed (an owner's turn open at a kill ends there) and a timeline in seconds after the workloads started. One
 * killer may drive the kills of several workloads running at once. Only the thread that drives the kills may touch it;
 * the runs read it after their workloads ended.
 */
public final class Killer {

    private final ScaleOutBed bed;
    private final PrintStream progress;
    private final long startNanos = System.nanoTime();
    private final Map<Integer, List<Instant>> kills = new HashMap<>();
    private final List<String> timeline = new ArrayList<>();

    /** Starts the clock of the timeline now. */
    public Killer(ScaleOutBed bed, PrintStream progress) {
        this.bed = bed;
        this.progress = progress;
    }

    /** Sleeps until {@code at} after this killer was made; returns at once if that has passed. */
    public void sleepUntil(Duration at) throws InterruptedException {
        long wait = startNanos + at.toNanos() - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** How long ago this killer was made. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Kills {@code replica} with SIGKILL and returns when it was killed. */
    public Instant kill(int replica) throws InterruptedException {
        bed.kill(replica);
        Instant killed = Instant.now();
        kills.computeIfAbsent(replica, r -> new ArrayList<>()).add(killed);
        return killed;
    }

    public void restart(int replica) throws IOException {
        bed.restart(replica);
    }

    /** Adds {@code what} to the timeline, after the seconds since the start, and prints it. */
    public void log(String what) {
        String line = String.format("%6.1f s  %s", (System.nanoTime() - startNanos) / 1e9, what);
        timeline.add(line);
        progress.println(line);
    }

    /** When each replica was killed, by replica. */
    public Map<Integer, List<Instant>> kills() {
        Map<Integer, List<Instant>> copy = new HashMap<>();
        kills.forEach((replica, at) -> copy.put(replica, List.copyOf(at)));
        return copy;
    }

    public List<String> timeline() {
        return List.copyOf(timeline);
    }
}
