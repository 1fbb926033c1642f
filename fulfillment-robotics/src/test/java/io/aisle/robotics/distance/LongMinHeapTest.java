package io.aisle.robotics.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongMinHeapTest {

    @Test
    void popsKeysInAscendingOrderWhileGrowing() {
        SplittableRandom random = new SplittableRandom(11);
        long[] keys = new long[500];
        LongMinHeap heap = new LongMinHeap(1);
        for (int k = 0; k < keys.length; k++) {
            keys[k] = random.nextLong(-1_000, 1_000);
            heap.push(keys[k]);
        }
        Arrays.sort(keys);
        for (long key : keys) {
            assertEquals(key, heap.pop());
        }
        assertTrue(heap.isEmpty());
    }
}
