package io.aisle.simulations.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the WMS was told and what the warehouse's state showed of each pick task, to find work a takeover lost or
 * repeated. The server's counters alone cannot tell: a new owner restores them with the rest of its checkpoint.
 *
 * <p>A task is seen in a phase when a state snapshot shows it on a robot: driving to its pod, carrying it, at the
 * station, or returning it (its line picked). A task seen returning and later again before its pick will have its
 * line picked twice. Lines unaccounted compares the lines of the orders answered 202 with what a final snapshot
 * holds: picked, queued, or on a robot before its pick (negative: more than the WMS ordered).
 *
 * <p>Thread-safe: the WMS thread records orders, one watcher thread observes snapshots.
 */
final class TaskLedger {

    private static final Map<String, Integer> PHASES = Map.of("TO_POD", 0, "CARRYING", 1, "AT_STATION", 2, "RETURNING", 3);
    private static final int PICKED = 3;

    private final AtomicLong acceptedLines = new AtomicLong();
    private final Map<Long, Integer> furthestPhase = new HashMap<>();
    private final Set<Long> pickedAgain = new TreeSet<>();

    /** The WMS's order was answered 202 with {@code lines} pick tasks. */
    void accepted(int lines) {
        acceptedLines.addAndGet(lines);
    }

    long acceptedLines() {
        return acceptedLines.get();
    }

    /** Notes each robot's task and phase in a {@code GET …/state} body. */
    synchronized void observe(JsonNode state) {
        for (JsonNode robot : state.path("robots")) {
            long task = robot.path("taskId").asLong(-1);
            Integer phase = PHASES.get(robot.path("state").asText());
            if (task < 0 || phase == null) {
                continue;
            }
            int furthest = furthestPhase.getOrDefault(task, -1);
            if (furthest == PICKED && phase < PICKED) {
                pickedAgain.add(task);
            }
            furthestPhase.put(task, Math.max(furthest, phase));
        }
    }

    /** Tasks whose line was picked, then the task went back to before its pick. */
    synchronized Set<Long> pickedTwice() {
        return Set.copyOf(pickedAgain);
    }

    /**
     * Lines ordered (answered 202) that the final snapshot neither counts as picked since {@code before}, nor
     * queues, nor has on a robot before its pick.
     */
    long linesUnaccounted(JsonNode before, JsonNode after) {
        long picked = after.path("linesPicked").asLong() - before.path("linesPicked").asLong();
        long queued = after.path("queuedTasks").asLong();
        long onRobots = 0;
        for (JsonNode robot : after.path("robots")) {
            Integer phase = PHASES.get(robot.path("state").asText());
            if (robot.path("taskId").asLong(-1) >= 0 && phase != null && phase < PICKED) {
                onRobots++;
            }
        }
        return acceptedLines.get() - picked - queued - onRobots;
    }
}
