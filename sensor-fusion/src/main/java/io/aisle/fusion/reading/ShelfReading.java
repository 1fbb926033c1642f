package io.aisle.fusion.reading;

import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.Objects;

/**
 * One load-cell sample (about 60 Hz per plate). The value is the absolute reading, tare
 * included: load cells are never zeroed, so only differences carry meaning.
 *
 * @param plateId the plate of the store layout the load cell sits under
 * @param timestampMillis event time, epoch milliseconds, on the shelf clock
 * @param grams the absolute load-cell value
 */
public record ShelfReading(String plateId, long timestampMillis, double grams) {

    /** plateId, timestampMillis, grams. */
    public static final SnapshotCodec<ShelfReading> CODEC = SnapshotCodec.of(
            (r, out) -> out.writeString(r.plateId).writeLong(r.timestampMillis).writeDouble(r.grams),
            in -> new ShelfReading(in.readString(), in.readLong(), in.readDouble()));

    public ShelfReading {
        Objects.requireNonNull(plateId, "plateId");
        if (!Double.isFinite(grams)) {
            throw new IllegalArgumentException("grams must be finite but was " + grams);
        }
    }
}
