package io.aisle.fusion.inference;

import io.aisle.vision.snapshot.SnapshotCodec;
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
public record ItemEstimate(SortedMap<String, Integer> units, double posterior, double zScore) {

    /** units (count, then sku and int units each, SKUs sorted), posterior, zScore. */
    public static final SnapshotCodec<ItemEstimate> CODEC = SnapshotCodec.of(
            (e, out) -> out.writeMap(e.units, SnapshotCodec.INT).writeDouble(e.posterior).writeDouble(e.zScore),
            in -> ItemEstimate.of(in.readMap(SnapshotCodec.INT), in.readDouble(), in.readDouble()));

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
