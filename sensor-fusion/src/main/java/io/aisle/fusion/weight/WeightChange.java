package io.aisle.fusion.weight;

import io.aisle.vision.snapshot.SnapshotCodec;

/**
 * A settled change of a plate's weight between two stable states.
 *
 * @param plateIndex the plate's index in the layout
 * @param startMillis event time of the first sample that left the old stable state
 * @param endMillis event time at which the new stable state began
 * @param deltaGrams new level minus old level: negative for a pick, positive for a put
 * @param deltaStdDevGrams the standard deviation of the delta estimate from sensor noise alone
 */
public record WeightChange(int plateIndex, long startMillis, long endMillis, double deltaGrams, double deltaStdDevGrams) {

    /** plateIndex, startMillis, endMillis, deltaGrams, deltaStdDevGrams. */
    public static final SnapshotCodec<WeightChange> CODEC = SnapshotCodec.of(
            (c, out) -> out.writeInt(c.plateIndex).writeLong(c.startMillis).writeLong(c.endMillis)
                    .writeDouble(c.deltaGrams).writeDouble(c.deltaStdDevGrams),
            in -> new WeightChange(in.readInt(), in.readLong(), in.readLong(), in.readDouble(), in.readDouble()));
}
