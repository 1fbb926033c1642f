package io.aisle.simulations.scaleout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who owned a warehouse or a store when, read from the replicas' logs. A replica starts running a warehouse's
 * dispatcher with {@code warehouse T/W runs on this replica now, fencing token N} and stops with
 * {@code warehouse T/W stops running on this replica}; it takes a store with
 * {@code store T:S runs on this replica now, partition P from offset N} and lets go with
 * {@code store T:S stops running on this replica}; either ends when the replica was killed. Two intervals of
 * different replicas that overlap are two owners at once.
 */
final class OwnershipLog {

    private static final Pattern TIME = Pattern.compile("^(\\S+)\\s");

    /**
     * One replica's turn as the owner.
     *
     * @param fence the warehouse's fencing token, or the store's offset the owner resumed from
     * @param end when it stopped, was killed, or {@link Instant#MAX} while it still runs
     */
    record Turn(int replica, long fence, Instant start, Instant end) {
    }

    private OwnershipLog() {
    }

    /**
     * The turns of {@code warehouseKey} ({@code tenant/warehouse} as the server logs it), by start time.
     *
     * @param kills when each replica was killed (a turn open at a kill ends there)
     */
    static List<Turn> warehouseTurns(List<Path> replicaLogs, String warehouseKey, Map<Integer, List<Instant>> kills)
            throws IOException {
        return turns(replicaLogs, kills,
                Pattern.compile("warehouse " + Pattern.quote(warehouseKey) + " runs on this replica now, fencing token (\\d+)"),
                Pattern.compile("warehouse " + Pattern.quote(warehouseKey) + " stops running on this replica"));
    }

    /**
     * The turns of {@code storeKey} ({@code tenant:store}), by start time.
     *
     * @param kills when each replica was killed (a turn open at a kill ends there)
     */
    static List<Turn> storeTurns(List<Path> replicaLogs, String storeKey, Map<Integer, List<Instant>> kills) throws IOException {
        return turns(replicaLogs, kills,
                Pattern.compile("store " + Pattern.quote(storeKey) + " runs on this replica now, partition \\d+ from offset (\\d+)"),
                Pattern.compile("store " + Pattern.quote(storeKey) + " stops running on this replica"));
    }

    /** @param runs the line that starts a turn, its first group the fence */
    private static List<Turn> turns(List<Path> replicaLogs, Map<Integer, List<Instant>> kills, Pattern runs, Pattern stops)
            throws IOException {
        List<Turn> turns = new ArrayList<>();
        for (int replica = 0; replica < replicaLogs.size(); replica++) {
            if (!Files.exists(replicaLogs.get(replica))) {
                continue;
            }
            List<Instant> killed = kills.getOrDefault(replica, List.of());
            Instant start = null;
            long fence = -1;
            for (String line : Files.readAllLines(replicaLogs.get(replica))) {
                Optional<Instant> at = time(line);
                if (at.isEmpty()) {
                    continue;
                }
                if (start != null) {
                    Optional<Instant> kill = firstBetween(killed, start, at.get());
                    if (kill.isPresent()) {
                        turns.add(new Turn(replica, fence, start, kill.get()));
                        start = null;
                    }
                }
                Matcher took = runs.matcher(line);
                if (took.find()) {
                    start = at.get();
                    fence = Long.parseLong(took.group(1));
                } else if (start != null && stops.matcher(line).find()) {
                    turns.add(new Turn(replica, fence, start, at.get()));
                    start = null;
                }
            }
            if (start != null) {
                Instant begun = start;
                turns.add(new Turn(replica, fence, start, killed.stream().filter(k -> k.isAfter(begun)).findFirst().orElse(Instant.MAX)));
            }
        }
        turns.sort(Comparator.comparing(Turn::start));
        return turns;
    }

    /** Pairs of turns of different replicas that overlap in time: each one a moment with two owners. */
    static List<String> overlaps(List<Turn> turns) {
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            for (int j = i + 1; j < turns.size(); j++) {
                Turn a = turns.get(i);
                Turn b = turns.get(j);
                if (a.replica() != b.replica() && b.start().isBefore(a.end()) && a.start().isBefore(b.end())) {
                    overlaps.add(a + " overlaps " + b);
                }
            }
        }
        return overlaps;
    }

    /** The longest time between the end of one turn and the start of the next: nobody ran it. */
    static Duration longestHandover(List<Turn> turns) {
        Duration longest = Duration.ZERO;
        for (int i = 1; i < turns.size(); i++) {
            Instant previousEnd = turns.get(i - 1).end();
            if (!previousEnd.equals(Instant.MAX) && turns.get(i).start().isAfter(previousEnd)) {
                Duration gap = Duration.between(previousEnd, turns.get(i).start());
                longest = gap.compareTo(longest) > 0 ? gap : longest;
            }
        }
        return longest;
    }

    private static Optional<Instant> firstBetween(List<Instant> instants, Instant after, Instant notAfter) {
        return instants.stream().filter(i -> i.isAfter(after) && !i.isAfter(notAfter)).findFirst();
    }

    /** The ISO instant a Spring Boot log line starts with. */
    private static Optional<Instant> time(String line) {
        Matcher matcher = TIME.matcher(line);
        if (!matcher.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(matcher.group(1)));
        } catch (DateTimeParseException notALogLine) {
            return Optional.empty();
        }
    }
}
