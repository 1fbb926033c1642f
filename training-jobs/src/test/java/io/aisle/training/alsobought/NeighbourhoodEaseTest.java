package io.aisle.training.alsobought;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.recommender.alsobought.ItemNeighbours;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeighbourhoodEaseTest {

    private static final int ITEMS = 20;

    // Enough baskets for every pair to co-occur, so every other item is a partner.
    private static final int BASKETS = 3000;

    @Test
    void equalsDenseEaseWeightsWhenEveryPartnerIsKept() {
        CoOccurrence counts = randomCounts(ITEMS, BASKETS, 11);
        double[] dense = NeighbourBuilder.easeWeights(counts, 10, 0.67);
        NeighbourhoodEase.Weights local = NeighbourhoodEase.fit(counts, ITEMS, 10, 0.67);
        for (int i = 0; i < ITEMS; i++) {
            assertEquals(ITEMS - 1, counts.partners()[i].length, "partners of " + i);
            for (int j = 0; j < ITEMS; j++) {
                if (i != j) {
                    assertEquals(dense[i * ITEMS + j], local.weight(i, j), 1e-10, "B[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void publishesTheSameNeighbourListsAsDenseEaseWhenEveryPartnerIsKept() {
        CoOccurrence counts = randomCounts(ITEMS, BASKETS, 12);
        NeighbourBuilder.Parameters everyPartner = new NeighbourBuilder.Parameters(10, 2, 20, 0.3, 10, 0.67, ITEMS);
        ItemNeighbours dense = NeighbourBuilder.build(counts, SimilarityMeasure.EASE, everyPartner);
        ItemNeighbours local = NeighbourBuilder.build(counts, SimilarityMeasure.NEIGHBOURHOOD_EASE, everyPartner);
        assertEquals("neighbourhood-ease", local.similarity());
        for (int i = 0; i < ITEMS; i++) {
            assertArrayEquals(dense.neighbourIndices(i), local.neighbourIndices(i), "item " + i);
            assertArrayEquals(dense.neighbourScores(i), local.neighbourScores(i), 1e-10, "item " + i);
        }
    }

    @Test
    void regressesEachItemOnItsStrongestPartnersOnly() {
        CoOccurrence counts = randomCounts(ITEMS, 400, 13);
        NeighbourhoodEase.Weights local = NeighbourhoodEase.fit(counts, 3, 10, 0);
        for (int j = 0; j < ITEMS; j++) {
            int[] strongest = NeighbourhoodEase.strongestPartners(counts, j, 3);
            int regressors = 0;
            for (int i = 0; i < ITEMS; i++) {
                if (local.weight(i, j) != 0) {
                    regressors++;
                    assertTrue(Arrays.binarySearch(strongest, i) >= 0, "item " + i + " is not among " + j + "'s strongest");
                }
            }
            assertTrue(regressors <= 3, "item " + j + " has " + regressors + " regressors");
        }
    }

    @Test
    void picksThePartnersWithTheLargestWeightedCoOccurrence() {
        // Item 0's partners 1, 2, 3 with weighted counts 1, 5, 3.
        CoOccurrence counts = new CoOccurrence(List.of("a", "b", "c", "d"), Arrays.asList(null, null, null, null),
                new long[] {9, 1, 5, 3}, 10, new int[][] {{1, 2, 3}, {0}, {0}, {0}}, new long[][] {{1, 5, 3}, {1}, {5}, {3}},
                new double[] {9, 1, 5, 3}, new double[][] {{1, 5, 3}, {1}, {5}, {3}});
        assertArrayEquals(new int[] {2, 3}, NeighbourhoodEase.strongestPartners(counts, 0, 2));
    }

    @Test
    void givesAnItemBoughtOnlyAloneNoWeightsInsteadOfFailingInLapack() {
        // c was bought, but never with another item: it has no partners to regress on.
        CoOccurrence counts = new CoOccurrence(List.of("a", "b", "c"), Arrays.asList(null, null, null),
                new long[] {4, 4, 2}, 6, new int[][] {{1}, {0}, {}}, new long[][] {{4}, {4}, {}},
                new double[] {4, 4, 2}, new double[][] {{4}, {4}, {}});
        NeighbourhoodEase.Weights local = NeighbourhoodEase.fit(counts, 100, 10, 0);

        assertEquals(0, local.weight(0, 2));
        assertEquals(0, local.weight(2, 0));
        assertTrue(local.weight(0, 1) > 0);
    }

    /** Baskets of 2-6 items with a few strong pairs, counted as {@link SparkCoOccurrence} counts them. */
    static CoOccurrence randomCounts(int items, int baskets, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] itemCounts = new long[items];
        double[] weightedItems = new double[items];
        long[][] together = new long[items][items];
        double[][] weightedTogether = new double[items][items];
        for (int b = 0; b < baskets; b++) {
            List<Integer> basket = new ArrayList<>();
            int first = random.nextInt(items);
            basket.add(first);
            basket.add((first + 1 + random.nextInt(3)) % items);
            for (int extra = random.nextInt(5); extra > 0; extra--) {
                basket.add(random.nextInt(items));
            }
            List<Integer> distinct = basket.stream().distinct().toList();
            double weight = 1.0 / Math.max(1, distinct.size() - 1);
            for (int i : distinct) {
                itemCounts[i]++;
                weightedItems[i] += weight;
                for (int j : distinct) {
                    if (i != j) {
                        together[i][j]++;
                        weightedTogether[i][j] += weight;
                    }
                }
            }
        }
        int[][] partners = new int[items][];
        long[][] pairCounts = new long[items][];
        double[][] weightedPairs = new double[items][];
        for (int i = 0; i < items; i++) {
            List<Integer> seen = new ArrayList<>();
            for (int j = 0; j < items; j++) {
                if (together[i][j] > 0) {
                    seen.add(j);
                }
            }
            final int row = i;
            partners[i] = seen.stream().mapToInt(Integer::intValue).toArray();
            pairCounts[i] = seen.stream().mapToLong(j -> together[row][j]).toArray();
            weightedPairs[i] = seen.stream().mapToDouble(j -> weightedTogether[row][j]).toArray();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            ids.add("item-" + (char) ('a' + i / 26) + (char) ('a' + i % 26));
        }
        return new CoOccurrence(ids, Collections.nCopies(items, null), itemCounts, baskets, partners, pairCounts,
                weightedItems, weightedPairs);
    }
}
