package io.aisle.vision.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class HungarianAssignmentTest {

    @Test
    void findsTheOptimumWhereGreedyChoiceFails() {
        assertArrayEquals(new int[] {1, 0}, HungarianAssignment.assign(new double[][] {{1, 2}, {1, 9}}, 100));
    }

    @Test
    void leavesExtraRowsUnassigned() {
        assertArrayEquals(new int[] {-1, 0, -1}, HungarianAssignment.assign(new double[][] {{5}, {1}, {3}}, 100));
    }

    @Test
    void assignsEveryRowWhenThereAreMoreColumns() {
        assertArrayEquals(new int[] {2, 0}, HungarianAssignment.assign(new double[][] {{4, 4, 1}, {2, 3, 3}}, 100));
    }

    @Test
    void neverReturnsAPairOverTheGate() {
        assertArrayEquals(new int[] {-1, 1}, HungarianAssignment.assign(new double[][] {{7, 8}, {9, 0.5}}, 1));
    }

    @Test
    void prefersMorePairsWithinTheGateOverOneCheapPair() {
        // (0,0) alone costs 0.1; (0,1) + (1,0) cost 1.8 but match both rows.
        assertArrayEquals(new int[] {1, 0}, HungarianAssignment.assign(new double[][] {{0.1, 0.9}, {0.9, 5}}, 1));
    }

    @Test
    void handlesAnEmptyMatrix() {
        assertArrayEquals(new int[0], HungarianAssignment.assign(new double[0][0], 1));
        assertArrayEquals(new int[] {-1}, HungarianAssignment.assign(new double[1][0], 1));
    }
}
