package io.aisle.simulations.warehouse;

import java.util.Arrays;

/**
 * Space-time reservations of the prioritized baseline: which robot holds a cell at a time step, or a directed
 * edge at a time step. Open addressing on {@code long} keys; {@link #clear} is O(1) through a generation stamp.
 * Not thread-safe.
 */
final class ReservationTable {

    static final int FREE = -1;
    private static final long EDGE_FLAG = 1L << 62;

    private final long[] keys;
    private final int[] owners;
    private final int[] generations;
    private final int mask;
    private int generation = 1;

    /** @param expectedEntries reservations held at once; the table keeps a load factor of at most 1/2 */
    ReservationTable(int expectedEntries) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedEntries * 2 - 1)) << 1;
        keys = new long[capacity];
        owners = new int[capacity];
        generations = new int[capacity];
        mask = capacity - 1;
    }

    void clear() {
        generation++;
        if (generation == Integer.MAX_VALUE) {
            Arrays.fill(generations, 0);
            generation = 1;
        }
    }

    static long vertex(int time, int cell) {
        return ((long) time << 32) | cell;
    }

    static long edge(int time, int from, int to) {
        return EDGE_FLAG | ((long) time << 42) | ((long) from << 21) | to;
    }

    /** Owner of a reservation, or {@link #FREE}. */
    int owner(long key) {
        int slot = slotOf(key);
        return generations[slot] == generation ? owners[slot] : FREE;
    }

    void reserve(long key, int robot) {
        int slot = slotOf(key);
        keys[slot] = key;
        owners[slot] = robot;
        generations[slot] = generation;
    }

    /** Releases a reservation if {@code robot} holds it. */
    void release(long key, int robot) {
        int slot = slotOf(key);
        if (generations[slot] == generation && owners[slot] == robot) {
            // A tombstone keeps probe chains through this slot intact.
            owners[slot] = FREE;
        }
    }

    private int slotOf(long key) {
        int slot = (int) (mix(key) & mask);
        while (generations[slot] == generation && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
