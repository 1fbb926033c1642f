package io.aisle.fusion.cart;

import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.Map;
import java.util.TreeMap;

/**
 * One signed movement of units into (+) or out of (-) a shopper's cart, from one weight event.
 *
 * @param eventId the weight event's sequence number in the engine
 * @param plateIndex the plate the units came from or went to
 * @param units signed unit count: positive for a pick, negative for a put-back
 * @param confidence probability that this entry is right (what and who)
 * @param shopperOdds attribution probability per shopper at the time of the event
 * @param open true while the attribution is an open hypothesis that later evidence may change
 * @param measuredGramsPerUnit what one unit weighed on the load cell when it moved (a single-SKU
 *     event), NaN when not known; the same unit put back later weighs the same
 */
public record CartEntry(long eventId, int plateIndex, String sku, int units, double confidence, long eventTimeMillis,
                        Map<String, Double> shopperOdds, boolean open, double measuredGramsPerUnit) {

    /**
     * eventId, plateIndex, sku, units, confidence, eventTimeMillis, shopperOdds (count, then shopper
     * and double odds each, shoppers sorted), open, measuredGramsPerUnit.
     */
    public static final SnapshotCodec<CartEntry> CODEC = SnapshotCodec.of(
            (e, out) -> out.writeLong(e.eventId).writeInt(e.plateIndex).writeString(e.sku).writeInt(e.units)
                    .writeDouble(e.confidence).writeLong(e.eventTimeMillis).writeMap(e.shopperOdds, SnapshotCodec.DOUBLE)
                    .writeBoolean(e.open).writeDouble(e.measuredGramsPerUnit),
            in -> new CartEntry(in.readLong(), in.readInt(), in.readString(), in.readInt(), in.readDouble(),
                    in.readLong(), in.readMap(SnapshotCodec.DOUBLE), in.readBoolean(), in.readDouble()));

    public CartEntry {
        shopperOdds = new TreeMap<>(shopperOdds);
    }

    /** The same entry, decided for one shopper with the given confidence. */
    public CartEntry resolved(double newConfidence) {
        return new CartEntry(eventId, plateIndex, sku, units, newConfidence, eventTimeMillis, shopperOdds, false,
                measuredGramsPerUnit);
    }
}
