package io.aisle.simulations.shoppers;

/**
 * Parameters of a simulated shopper log.
 *
 * @param users number of shoppers
 * @param items catalogue size
 * @param categories number of item categories
 * @param factors dimension of the latent taste space
 * @param days span of the log, ending at {@code endEpochMillis}
 * @param meanVisits mean number of visits per shopper (geometric-like spread, at least 1)
 * @param meanBasketItems mean items per visit (1 + Poisson)
 * @param repeatShare chance that a basket slot re-buys something the shopper bought before
 * @param tasteWeight strength of taste in the choice model; popularity has weight 1 on log scale
 * @param zipfExponent exponent of the item popularity law
 */
public record ShopperSimulation(int users, int items, int categories, int factors, int days, double meanVisits,
                                double meanBasketItems, double repeatShare, double tasteWeight, double zipfExponent,
                                long endEpochMillis, long seed) {

    public ShopperSimulation {
        positive("users", users);
        positive("items", items);
        positive("categories", categories);
        positive("factors", factors);
        positive("days", days);
        if (!(meanVisits >= 1)) {
            throw new IllegalArgumentException("meanVisits must be >= 1 but was " + meanVisits);
        }
        if (!(meanBasketItems >= 1)) {
            throw new IllegalArgumentException("meanBasketItems must be >= 1 but was " + meanBasketItems);
        }
        if (!(repeatShare >= 0 && repeatShare < 1)) {
            throw new IllegalArgumentException("repeatShare must be in [0, 1) but was " + repeatShare);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1 but was " + value);
        }
    }

    /** Defaults that give about {@code users * 41} purchases (1M for 25,000 users). */
    public static ShopperSimulation defaults(int users, int items, long seed) {
        return new ShopperSimulation(users, items, Math.max(1, Math.min(50, items / 40)), 8, 120, 12, 4.0, 0.25, 2.5,
                1.0, 1_767_225_600_000L, seed);
    }
}
