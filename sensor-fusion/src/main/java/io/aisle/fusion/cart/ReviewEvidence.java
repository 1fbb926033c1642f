package io.aisle.fusion.cart;

import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one weight event behind a doubtful receipt line looked like, for the person who reviews it.
 *
 * @param eventId the weight event's sequence number in the engine
 * @param plateId the plate whose weight changed
 * @param eventTimeMillis event time the weight settled, epoch milliseconds
 * @param weightChangeGrams the settled change, negative when units left the plate
 * @param candidates the likeliest explanations of the change, likeliest first
 * @param shopperOdds attribution probability per shopper whose hands were near the plate, in
 *     order of first appearance; sums to 1
 */
public record ReviewEvidence(long eventId, String plateId, long eventTimeMillis, double weightChangeGrams,
                             List<Candidate> candidates, Map<String, Double> shopperOdds) {

    /**
     * One explanation of the change.
     *
     * @param units units per SKU, SKUs sorted
     * @param probability its probability among the explanations the engine weighed, in [0, 1]
     */
    public record Candidate(Map<String, Integer> units, double probability) {

        /** units (count, then sku and int units each, SKUs sorted), probability. */
        public static final SnapshotCodec<Candidate> CODEC = SnapshotCodec.of(
                (c, out) -> out.writeMap(c.units, SnapshotCodec.INT).writeDouble(c.probability),
                in -> new Candidate(in.readMap(SnapshotCodec.INT), in.readDouble()));

        public Candidate {
            units = new TreeMap<>(units);
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability must be in [0, 1] but was " + probability);
            }
        }
    }

    /**
     * eventId, plateId, eventTimeMillis, weightChangeGrams, candidates (list of Candidate),
     * shopperOdds (count, then shopper and double odds each, in order of first appearance).
     */
    public static final SnapshotCodec<ReviewEvidence> CODEC = SnapshotCodec.of(
            (e, out) -> out.writeLong(e.eventId).writeString(e.plateId).writeLong(e.eventTimeMillis)
                    .writeDouble(e.weightChangeGrams).writeList(e.candidates, Candidate.CODEC)
                    .writeMap(e.shopperOdds, SnapshotCodec.DOUBLE),
            in -> new ReviewEvidence(in.readLong(), in.readString(), in.readLong(), in.readDouble(),
                    in.readList(Candidate.CODEC), in.readMap(SnapshotCodec.DOUBLE)));

    public ReviewEvidence {
        Objects.requireNonNull(plateId, "plateId");
        candidates = List.copyOf(candidates);
        shopperOdds = Collections.unmodifiableMap(new LinkedHashMap<>(shopperOdds));
    }
}
