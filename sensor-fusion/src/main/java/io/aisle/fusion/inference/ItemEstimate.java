package io.aisle.fusion.inference;

import java.io.Serializable;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One combination of units that explains a weight change.
 *
 * @param units units per SKU, SKUs in sorted order
 * @param posterior probability of this combination among all enumerated ones
 * @param zScore how many standard deviations the combination's weight is from the measured change
 */
public record ItemEstimate(SortedMap<String, Integer> units, double posterior, double zScore) implements Serializable {

    public ItemEstimate {
        units = new TreeMap<>(units);
    }

    public int totalUnits() {
        int total = 0;
        for (int n : units.values()) {
            total += n;
        }
        return total;
    }

    public boolean isSingleSku() {
        return units.size() == 1;
    }

    public static ItemEstimate of(Map<String, Integer> units, double posterior, double zScore) {
        return new ItemEstimate(new TreeMap<>(units), posterior, zScore);
    }
}
