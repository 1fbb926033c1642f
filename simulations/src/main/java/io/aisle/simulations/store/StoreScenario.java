package io.aisle.simulations.store;

/**
 * Every knob of a simulated store session. Rates are probabilities per picked item unless said otherwise.
 *
 * @param minShoppers fewest shoppers in the store at once (while arrivals last)
 * @param maxShoppers most shoppers in the store at once
 * @param minutes how long shoppers keep arriving; the session ends when the last one has left
 * @param plates how many weighed plates the generated store has
 * @param maxItemsPerShopper each shopper picks from 1 to this many plates
 * @param putBackRate a picked item is put back later
 * @param misplacedRate a picked item is put back on another plate (part of the put-backs)
 * @param sameWeightMisplacedRate a misplaced item goes onto a plate of a product with the same weight
 * @param multiGrabRate a pick takes 2 or 3 units at once
 * @param handOffRate a picked item is handed to another shopper of the group (the taker still pays)
 * @param groupRate an arriving shopper comes with a companion who follows them
 * @param contentionRate a group companion reaches into the same plate within a second
 * @param touchRate per plate visit, a touch without taking
 * @param leanRate per plate visit, a lean on the shelf
 * @param mixedPlateRate share of plates holding two products
 * @param noiseGrams load-cell Gaussian noise (one sample's standard deviation)
 * @param driftGramsPerMinute the largest slow drift rate of a load cell
 * @param skewMillis how far the observation clock runs ahead of the shelf clock
 * @param positionNoiseMeters floor-position noise of observations
 * @param wristNoiseMeters wrist-position noise of observations
 * @param dropRate share of observation frames lost
 * @param idSwitchesPerMinute track identity switches per shopper-minute
 */
public record StoreScenario(String name, int minShoppers, int maxShoppers, double minutes, int plates,
                            int maxItemsPerShopper, double putBackRate, double misplacedRate,
                            double sameWeightMisplacedRate, double multiGrabRate, double handOffRate, double groupRate,
                            double contentionRate, double touchRate, double leanRate, double mixedPlateRate,
                            double noiseGrams, double driftGramsPerMinute, long skewMillis, double positionNoiseMeters,
                            double wristNoiseMeters, double dropRate, double idSwitchesPerMinute) {

    public StoreScenario {
        if (minShoppers < 1 || maxShoppers < minShoppers) {
            throw new IllegalArgumentException("shoppers must satisfy 1 <= min <= max but were " + minShoppers + ".." + maxShoppers);
        }
        if (!(minutes > 0)) {
            throw new IllegalArgumentException("minutes must be > 0 but was " + minutes);
        }
        if (plates < 8) {
            throw new IllegalArgumentException("plates must be >= 8 but was " + plates);
        }
        if (misplacedRate > putBackRate) {
            throw new IllegalArgumentException("misplacedRate " + misplacedRate + " must not exceed putBackRate " + putBackRate);
        }
        if (!(noiseGrams > 0)) {
            throw new IllegalArgumentException("noiseGrams must be > 0 but was " + noiseGrams);
        }
        if (maxItemsPerShopper < 1) {
            throw new IllegalArgumentException("maxItemsPerShopper must be >= 1 but was " + maxItemsPerShopper);
        }
        double[] shares = {putBackRate, misplacedRate, sameWeightMisplacedRate, multiGrabRate, handOffRate, groupRate,
                contentionRate, touchRate, leanRate, mixedPlateRate, dropRate};
        String[] names = {"putBackRate", "misplacedRate", "sameWeightMisplacedRate", "multiGrabRate", "handOffRate",
                "groupRate", "contentionRate", "touchRate", "leanRate", "mixedPlateRate", "dropRate"};
        for (int i = 0; i < shares.length; i++) {
            if (!(shares[i] >= 0 && shares[i] <= 1)) {
                throw new IllegalArgumentException(names[i] + " must be in [0, 1] but was " + shares[i]);
            }
        }
        double[] amounts = {driftGramsPerMinute, positionNoiseMeters, wristNoiseMeters, idSwitchesPerMinute};
        String[] amountNames = {"driftGramsPerMinute", "positionNoiseMeters", "wristNoiseMeters", "idSwitchesPerMinute"};
        for (int i = 0; i < amounts.length; i++) {
            if (!(amounts[i] >= 0) || Double.isInfinite(amounts[i])) {
                throw new IllegalArgumentException(amountNames[i] + " must be >= 0 but was " + amounts[i]);
            }
        }
    }

    /** 1-4 concurrent shoppers, 20% put-backs, 5% misplaced. */
    public static StoreScenario standard() {
        return new StoreScenario("standard", 1, 4, 10, 120, 5, 0.20, 0.05, 0.0, 0.05, 0.0, 0.1, 0.0, 0.05, 0.02,
                0.1, 2.0, 3.0, 0, 0.05, 0.03, 0.03, 0.1);
    }

    /** Same-plate contention, same-weight put-backs, hand-offs, multi-item grabs, mixed plates. */
    public static StoreScenario hard() {
        return new StoreScenario("hard", 2, 6, 10, 120, 6, 0.25, 0.10, 0.5, 0.25, 0.10, 0.5, 0.3, 0.10, 0.05,
                0.4, 2.0, 3.0, 0, 0.05, 0.03, 0.05, 0.3);
    }

    /** 20-40 concurrent shoppers in a larger store. */
    public static StoreScenario crowd() {
        return new StoreScenario("crowd", 20, 40, 10, 300, 5, 0.20, 0.05, 0.0, 0.05, 0.0, 0.2, 0.0, 0.05, 0.02,
                0.1, 2.0, 3.0, 0, 0.05, 0.03, 0.03, 0.1);
    }

    public static StoreScenario named(String name) {
        return switch (name) {
            case "standard" -> standard();
            case "hard" -> hard();
            case "crowd" -> crowd();
            default -> throw new IllegalArgumentException("scenario must be standard, hard or crowd but was '" + name + "'");
        };
    }

    public StoreScenario withShoppers(int min, int max) {
        return new StoreScenario(name, min, max, minutes, plates, maxItemsPerShopper, putBackRate, misplacedRate,
                sameWeightMisplacedRate, multiGrabRate, handOffRate, groupRate, contentionRate, touchRate, leanRate,
                mixedPlateRate, noiseGrams, driftGramsPerMinute, skewMillis, positionNoiseMeters, wristNoiseMeters,
                dropRate, idSwitchesPerMinute);
    }

    public StoreScenario withMinutes(double value) {
        return new StoreScenario(name, minShoppers, maxShoppers, value, plates, maxItemsPerShopper, putBackRate,
                misplacedRate, sameWeightMisplacedRate, multiGrabRate, handOffRate, groupRate, contentionRate, touchRate,
                leanRate, mixedPlateRate, noiseGrams, driftGramsPerMinute, skewMillis, positionNoiseMeters,
                wristNoiseMeters, dropRate, idSwitchesPerMinute);
    }

    public StoreScenario withPlates(int value) {
        return new StoreScenario(name, minShoppers, maxShoppers, minutes, value, maxItemsPerShopper, putBackRate,
                misplacedRate, sameWeightMisplacedRate, multiGrabRate, handOffRate, groupRate, contentionRate, touchRate,
                leanRate, mixedPlateRate, noiseGrams, driftGramsPerMinute, skewMillis, positionNoiseMeters,
                wristNoiseMeters, dropRate, idSwitchesPerMinute);
    }

    public StoreScenario withNoiseGrams(double value) {
        return new StoreScenario(name, minShoppers, maxShoppers, minutes, plates, maxItemsPerShopper, putBackRate,
                misplacedRate, sameWeightMisplacedRate, multiGrabRate, handOffRate, groupRate, contentionRate, touchRate,
                leanRate, mixedPlateRate, value, driftGramsPerMinute, skewMillis, positionNoiseMeters, wristNoiseMeters,
                dropRate, idSwitchesPerMinute);
    }

    public StoreScenario withSkewMillis(long value) {
        return new StoreScenario(name, minShoppers, maxShoppers, minutes, plates, maxItemsPerShopper, putBackRate,
                misplacedRate, sameWeightMisplacedRate, multiGrabRate, handOffRate, groupRate, contentionRate, touchRate,
                leanRate, mixedPlateRate, noiseGrams, driftGramsPerMinute, value, positionNoiseMeters, wristNoiseMeters,
                dropRate, idSwitchesPerMinute);
    }
}
