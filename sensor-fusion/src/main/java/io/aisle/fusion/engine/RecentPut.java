package io.aisle.fusion.engine;

import io.aisle.fusion.inference.ItemEstimate;
import io.aisle.vision.snapshot.SnapshotCodec;

/** The last put-back on a plate, remembered so a pick of the same weight right after is read as the same units. */
record RecentPut(long endMillis, double grams, double stdDevGrams, ItemEstimate units) {

    /** endMillis, grams, stdDevGrams, units (ItemEstimate). */
    static final SnapshotCodec<RecentPut> CODEC = SnapshotCodec.of(
            (p, out) -> {
                out.writeLong(p.endMillis).writeDouble(p.grams).writeDouble(p.stdDevGrams);
                ItemEstimate.CODEC.write(p.units, out);
            },
            in -> new RecentPut(in.readLong(), in.readDouble(), in.readDouble(), ItemEstimate.CODEC.read(in)));
}
