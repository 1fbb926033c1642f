package io.aisle.simulations.shoppers;

/**
 * Parameters of a simulated basket file.
 *
 * @param items catalogue size
 * @param baskets baskets written
 * @param clusterSize mean items per cluster (a shopping mission: ingredients of a dish, parts of a kit)
 * @param meanBasketItems mean items drawn per basket (1 + Poisson; repeats are dropped)
 * @param missionShare chance that a basket slot is filled from one of the basket's clusters, not the catalogue
 * @param secondMissionShare chance that a basket has a second cluster
 * @param zipfExponent exponent of the item popularity law (a cluster is as popular as its items)
 * @param seed random seed
 */
public record BasketSimulation(int items, long baskets, int clusterSize, double meanBasketItems, double missionShare,
                               double secondMissionShare, double zipfExponent, long seed) {

    public BasketSimulation {
        if (items < 2) {
            throw new IllegalArgumentException("items must be >= 2 but was " + items);
        }
        if (baskets < 1) {
            throw new IllegalArgumentException("baskets must be >= 1 but was " + baskets);
        }
        if (clusterSize < 2 || clusterSize > items) {
            throw new IllegalArgumentException("clusterSize must be in [2, items] but was " + clusterSize);
        }
        if (!(meanBasketItems >= 1)) {
            throw new IllegalArgumentException("meanBasketItems must be >= 1 but was " + meanBasketItems);
        }
        share("missionShare", missionShare);
        share("secondMissionShare", secondMissionShare);
        if (!(zipfExponent >= 0)) {
            throw new IllegalArgumentException("zipfExponent must be >= 0 but was " + zipfExponent);
        }
    }

    /**
     * Groceries-like baskets (about 4.4 distinct items) over clusters of 40 items, Zipf(1) popularity and about two
     * thirds of each basket from its clusters.
     */
    public static BasketSimulation defaults(int items, long baskets, long seed) {
        return new BasketSimulation(items, baskets, Math.min(40, items), 6, 0.65, 0.3, 1.0, seed);
    }

    public int clusters() {
        return Math.max(1, items / clusterSize);
    }

    private static void share(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1] but was " + value);
        }
    }
}
