package io.aisle.robotics.distance;

import java.util.Arrays;

/**
 * A binary min-heap of {@code long} keys that grows as needed and is reused between searches. Searches pack
 * their priority into the high bits and the state into the low bits, so the smallest key is the state to
 * expand next and no objects are allocated per push.
 *
 * <p>Push and pop are O(log size). Not thread-safe.
 */
public final class LongMinHeap {

    private long[] keys;
    private int size;

    /** @param initialCapacity keys held before the first growth; at least 1 */
    public LongMinHeap(int initialCapacity) {
        if (initialCapacity < 1) {
            throw new IllegalArgumentException("initialCapacity must be >= 1 but was " + initialCapacity);
        }
        this.keys = new long[initialCapacity];
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Empties the heap, keeping its storage. */
    public void clear() {
        size = 0;
    }

    public void push(long key) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        int k = size++;
        while (k > 0) {
            int up = (k - 1) >>> 1;
            if (keys[up] <= key) {
                break;
            }
            keys[k] = keys[up];
            k = up;
        }
        keys[k] = key;
    }

    /** Removes and returns the smallest key; the heap must not be empty. */
    public long pop() {
        if (size == 0) {
            throw new IllegalStateException("pop on an empty heap");
        }
        long top = keys[0];
        long last = keys[--size];
        int k = 0;
        while (true) {
            int child = 2 * k + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && keys[child + 1] < keys[child]) {
                child++;
            }
            if (keys[child] >= last) {
                break;
            }
            keys[k] = keys[child];
            k = child;
        }
        keys[k] = last;
        return top;
    }
}
