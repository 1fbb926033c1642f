package io.aisle.simulations.shoppers;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes baskets, one per line as comma-separated item ids ({@code i000042}), which
 * {@code ./aisle train also-bought --baskets FILE} reads.
 *
 * <p>The model: item popularity follows a Zipf law over a random item order (a long tail: most items
 * are rarely bought); items are split at random into clusters, and a cluster is as popular as its items
 * together. A basket picks one cluster by popularity, sometimes a second, and fills each slot from them
 * with probability {@code missionShare}, or else from the whole catalogue; within a cluster and in the
 * catalogue, items are drawn by popularity. Popular items thus co-occur with everything, and the
 * associations worth finding are the clusters'.
 *
 * <p>Deterministic: the same parameters write the same bytes. Memory O(items); baskets are streamed.
 */
public final class BasketFileGenerator {

    private static final int MAX_BASKET_ITEMS = 64;

    private final BasketSimulation simulation;

    public BasketFileGenerator(BasketSimulation simulation) {
        this.simulation = simulation;
    }

    /** Writes the baskets and returns the number of items written over all baskets. */
    public long write(Writer out) throws IOException {
        BasketSimulation s = simulation;
        SplittableRandom random = new SplittableRandom(s.seed());
        int n = s.items();
        int[] rank = ShopperLogGenerator.shuffledRange(n, random);
        // Slot m of the cluster order holds item members[m]; cluster c owns slots start[c] .. start[c + 1) - 1.
        int[] members = ShopperLogGenerator.shuffledRange(n, random);
        int clusters = s.clusters();
        int[] start = new int[clusters + 1];
        for (int c = 0; c <= clusters; c++) {
            start[c] = (int) ((long) c * n / clusters);
        }
        double[] catalogue = new double[n];
        double[] withinCluster = new double[n];
        double[] clusterCumulative = new double[clusters];
        double total = 0;
        for (int c = 0; c < clusters; c++) {
            double sum = 0;
            for (int m = start[c]; m < start[c + 1]; m++) {
                double popularity = Math.pow(rank[members[m]] + 1.0, -s.zipfExponent());
                sum += popularity;
                total += popularity;
                withinCluster[m] = sum;
                catalogue[m] = total;
            }
            clusterCumulative[c] = total;
        }

        StringBuilder line = new StringBuilder(128);
        int[] basket = new int[MAX_BASKET_ITEMS];
        long written = 0;
        for (long b = 0; b < s.baskets(); b++) {
            int size = Math.min(MAX_BASKET_ITEMS, 1 + ShopperLogGenerator.poisson(random, s.meanBasketItems() - 1));
            int first = draw(clusterCumulative, 0, clusters, random);
            int second = random.nextDouble() < s.secondMissionShare() ? draw(clusterCumulative, 0, clusters, random) : first;
            int filled = 0;
            for (int slot = 0; slot < size; slot++) {
                int slotIndex;
                if (random.nextDouble() < s.missionShare()) {
                    int c = random.nextBoolean() ? first : second;
                    slotIndex = draw(withinCluster, start[c], start[c + 1], random);
                } else {
                    slotIndex = draw(catalogue, 0, n, random);
                }
                int item = members[slotIndex];
                if (!contains(basket, filled, item)) {
                    basket[filled++] = item;
                }
            }
            line.setLength(0);
            for (int p = 0; p < filled; p++) {
                if (p > 0) {
                    line.append(',');
                }
                appendId(line, basket[p]);
            }
            line.append('\n');
            out.append(line);
            written += filled;
        }
        return written;
    }

    /** The id of item {@code index}: {@code i} and six digits, so ids sort as their indices do. */
    static void appendId(StringBuilder line, int index) {
        String digits = Integer.toString(index);
        line.append('i');
        for (int pad = digits.length(); pad < 6; pad++) {
            line.append('0');
        }
        line.append(digits);
    }

    /**
     * An index in {@code [from, to)} drawn in proportion to its weight, given running sums of the weights
     * that start from 0 at {@code from}.
     */
    private static int draw(double[] cumulative, int from, int to, SplittableRandom random) {
        double target = random.nextDouble() * cumulative[to - 1];
        int found = Arrays.binarySearch(cumulative, from, to, target);
        return Math.min(to - 1, found >= 0 ? found + 1 : -found - 1);
    }

    private static boolean contains(int[] values, int size, int value) {
        for (int i = 0; i < size; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}
