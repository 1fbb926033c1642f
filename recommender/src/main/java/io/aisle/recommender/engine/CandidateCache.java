package io.aisle.recommender.engine;

import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The FM's best items per user and history, best first, kept so that repeated requests of a user skip the
 * catalogue-wide scan. A list is used only for the exact history it was computed from, so a purchase
 * (which changes the history) or a new model version (which gets a new cache) makes it unreachable: what
 * the cache answers is what a scan would answer.
 *
 * <p>Bounded: when full, about a tenth of the entries are dropped, whichever the map iterates first.
 * Thread-safe.
 */
final class CandidateCache {

    private record Entry(int[] history, int[] items) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int capacity;

    CandidateCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 but was " + capacity);
        }
        this.capacity = capacity;
    }

    /** The list computed for this user and exactly this history, or null. */
    int[] find(String user, int[] history) {
        Entry entry = entries.get(user);
        return entry != null && Arrays.equals(entry.history(), history) ? entry.items() : null;
    }

    void put(String user, int[] history, int[] items) {
        if (entries.size() >= capacity && !entries.containsKey(user)) {
            Iterator<String> keys = entries.keySet().iterator();
            for (int dropped = 0; dropped < Math.max(1, capacity / 10) && keys.hasNext(); dropped++) {
                keys.next();
                keys.remove();
            }
        }
        entries.put(user, new Entry(history.clone(), items));
    }

    int size() {
        return entries.size();
    }
}
