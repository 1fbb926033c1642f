package io.aisle.simulations.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What really happened in a simulated session.
 *
 * @param receipts per shopper, the units per SKU they must pay for ("whoever took it pays")
 * @param trackIds per shopper, every track id their observations carried
 * @param exitMillis per shopper, when they first stood in the exit zone (shelf clock)
 * @param events every pick, put-back and hand-off, in time order
 * @param startMillis first event time of the session
 * @param endMillis last event time of the session
 * @param accounts per shopper, the account they scanned in with at the gate; empty for a session
 *     without gate entries (an event log of an earlier release)
 */
public record GroundTruth(Map<String, Map<String, Integer>> receipts, Map<String, List<String>> trackIds,
                          Map<String, Long> exitMillis, List<TrueEvent> events, long startMillis, long endMillis,
                          Map<String, String> accounts) {

    /** A session without gate entries. */
    public GroundTruth(Map<String, Map<String, Integer>> receipts, Map<String, List<String>> trackIds,
                       Map<String, Long> exitMillis, List<TrueEvent> events, long startMillis, long endMillis) {
        this(receipts, trackIds, exitMillis, events, startMillis, endMillis, Map.of());
    }

    public GroundTruth {
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        receipts.forEach((shopper, lines) -> copy.put(shopper, Map.copyOf(new TreeMap<>(lines))));
        receipts = Collections.unmodifiableMap(copy);
        trackIds = Collections.unmodifiableMap(new LinkedHashMap<>(trackIds));
        exitMillis = Collections.unmodifiableMap(new LinkedHashMap<>(exitMillis));
        events = List.copyOf(events);
        accounts = Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
    }

    public double durationSeconds() {
        return (endMillis - startMillis) / 1000.0;
    }
}
