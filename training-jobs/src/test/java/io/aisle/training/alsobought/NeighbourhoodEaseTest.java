package io.aisle.training.alsobought;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.recommender.alsobought.ItemNeighbours;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeighbourhoodEaseTest {

    /**
     * Share of dense EASE's top-10 neighbours that neighbourhood EASE keeps on {@link #longTailCounts}: 0.862
     * measured with the default 400 partners, against 0.636 with 100 and 0.742 with 200.
     */
    private static final double SHARED_BAR = 0.8;

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
    void fitsACatalogueWithAnItemThatOnlyEverSellsAlone() {
        // Item d sits only in single-item baskets: no partners, so its regression has nothing to solve.
        List<List<Integer>> baskets = List.of(List.of(0, 1), List.of(0, 1, 2), List.of(1, 2), List.of(3), List.of(3));
        CoOccurrence counts = counted(4, baskets);
        assertEquals(0, counts.partners()[3].length);
        NeighbourhoodEase.Weights local = NeighbourhoodEase.fit(counts, 2, 10, 0);
        assertEquals(0, local.targets()[3].length);
        assertTrue(local.weight(0, 1) > 0, "a -> b, bought together twice, weighs " + local.weight(0, 1));
    }

    @Test
    void publishesNearlyDenseEaseListsOnALongTailCatalogueWithTheDefaultNeighbourCount() {
        // Popular items co-occur with most of the catalogue, so their strongest partners are other popular items;
        // too few neighbours leave out the rare items of their own cluster.
        CoOccurrence counts = longTailCounts(1200, 20_000, 14);
        int mostPartners = Arrays.stream(counts.partners()).mapToInt(p -> p.length).max().orElseThrow();
        assertTrue(mostPartners > NeighbourBuilder.Parameters.DEFAULT_EASE_NEIGHBOURS,
                "the most connected item has only " + mostPartners + " partners");
        NeighbourBuilder.Parameters defaults = withNeighbours(NeighbourBuilder.Parameters.DEFAULT_EASE_NEIGHBOURS);
        ItemNeighbours dense = NeighbourBuilder.build(counts, SimilarityMeasure.EASE, defaults);
        ItemNeighbours local = NeighbourBuilder.build(counts, SimilarityMeasure.NEIGHBOURHOOD_EASE, defaults);
        double shared = sharedNeighbours(dense, local);
        assertTrue(shared >= SHARED_BAR, "share of dense EASE's top-10 neighbours kept: " + shared);
    }

    private static NeighbourBuilder.Parameters withNeighbours(int neighbours) {
        return new NeighbourBuilder.Parameters(10, 2, 20, 0.3, 10, 0.67, neighbours);
    }

    /** The share of {@code reference}'s neighbour entries, over all items, that {@code other} lists too. */
    private static double sharedNeighbours(ItemNeighbours reference, ItemNeighbours other) {
        long entries = 0;
        long shared = 0;
        for (int i = 0; i < reference.catalog().size(); i++) {
            int[] kept = other.neighbourIndices(i).clone();
            Arrays.sort(kept);
            for (int j : reference.neighbourIndices(i)) {
                entries++;
                shared += Arrays.binarySearch(kept, j) >= 0 ? 1 : 0;
            }
        }
        return (double) shared / entries;
    }

    /**
     * Baskets like the basket simulator's: Zipf(1) popularity over a shuffled catalogue, clusters of 40 items,
     * each basket one cluster drawn uniformly (a second one in 30%), 1 + Poisson(5) slots filled from the
     * clusters with probability 0.65 and from the whole catalogue otherwise, by popularity within either.
     */
    static CoOccurrence longTailCounts(int items, int baskets, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> rank = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            rank.add(i);
        }
        Collections.shuffle(rank, new Random(seed));
        double[] cumulative = new double[items];
        double total = 0;
        for (int i = 0; i < items; i++) {
            total += 1.0 / (rank.get(i) + 1);
            cumulative[i] = total;
        }
        int clusterSize = 40;
        int clusters = items / clusterSize;
        List<List<Integer>> drawn = new ArrayList<>();
        for (int b = 0; b < baskets; b++) {
            int first = random.nextInt(clusters);
            int second = random.nextDouble() < 0.3 ? random.nextInt(clusters) : first;
            List<Integer> basket = new ArrayList<>();
            for (int slot = 1 + poisson(random, 5); slot > 0; slot--) {
                int cluster = random.nextBoolean() ? first : second;
                basket.add(random.nextDouble() < 0.65
                        ? draw(cumulative, cluster * clusterSize, (cluster + 1) * clusterSize, random)
                        : draw(cumulative, 0, items, random));
            }
            drawn.add(basket);
        }
        return counted(items, drawn);
    }

    private static int poisson(SplittableRandom random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    /** An index in {@code [from, to)} drawn in proportion to its weight, given running sums of all weights. */
    private static int draw(double[] cumulative, int from, int to, SplittableRandom random) {
        double below = from == 0 ? 0 : cumulative[from - 1];
        double target = below + random.nextDouble() * (cumulative[to - 1] - below);
        int found = Arrays.binarySearch(cumulative, from, to, target);
        return Math.min(to - 1, found >= 0 ? found + 1 : -found - 1);
    }

    /** Baskets of 2-6 items with a few strong pairs. */
    static CoOccurrence randomCounts(int items, int baskets, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Integer>> drawn = new ArrayList<>();
        for (int b = 0; b < baskets; b++) {
            List<Integer> basket = new ArrayList<>();
            int first = random.nextInt(items);
            basket.add(first);
            basket.add((first + 1 + random.nextInt(3)) % items);
            for (int extra = random.nextInt(5); extra > 0; extra--) {
                basket.add(random.nextInt(items));
            }
            drawn.add(basket);
        }
        return counted(items, drawn);
    }

    /** Item and pair counts of the baskets, a repeat within a basket counted once, as {@link SparkCoOccurrence} counts them. */
    private static CoOccurrence counted(int items, List<List<Integer>> baskets) {
        long[] itemCounts = new long[items];
        double[] weightedItems = new double[items];
        long[][] together = new long[items][items];
        double[][] weightedTogether = new double[items][items];
        for (List<Integer> basket : baskets) {
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
            ids.add(String.format("item-%05d", i));
        }
        return new CoOccurrence(ids, Collections.nCopies(items, null), itemCounts, baskets.size(), partners, pairCounts,
                weightedItems, weightedPairs);
    }
}
