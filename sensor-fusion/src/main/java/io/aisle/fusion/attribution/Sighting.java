package io.aisle.fusion.attribution;

import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.observation.StorePoint;
import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.Objects;

/**
 * A shopper observation in the engine's own compact, serializable form; a missing wrist has NaN
 * coordinates. The time is already on the shelf clock (skew removed).
 */
public record Sighting(String trackId, long timestampMillis, double xMeters, double yMeters,
                       double leftX, double leftY, double leftZ,
                       double rightX, double rightY, double rightZ) {

    /** trackId, timestampMillis, then xMeters, yMeters, leftX..leftZ, rightX..rightZ as doubles (NaN for a missing wrist). */
    public static final SnapshotCodec<Sighting> CODEC = SnapshotCodec.of((s, out) -> out.writeString(s.trackId)
                    .writeLong(s.timestampMillis).writeDouble(s.xMeters).writeDouble(s.yMeters)
                    .writeDouble(s.leftX).writeDouble(s.leftY).writeDouble(s.leftZ)
                    .writeDouble(s.rightX).writeDouble(s.rightY).writeDouble(s.rightZ),
            in -> new Sighting(in.readString(), in.readLong(), in.readDouble(), in.readDouble(), in.readDouble(),
                    in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));

    public Sighting {
        Objects.requireNonNull(trackId, "trackId");
    }

    /** Converts an observation, shifting its time by {@code -skewMillis} onto the shelf clock. */
    public static Sighting of(ShopperObservation observation, long skewMillis) {
        StorePoint left = observation.leftWrist().orElse(null);
        StorePoint right = observation.rightWrist().orElse(null);
        return new Sighting(observation.trackId(), observation.timestampMillis() - skewMillis,
                observation.position().xMeters(), observation.position().yMeters(),
                left == null ? Double.NaN : left.xMeters(), left == null ? Double.NaN : left.yMeters(),
                left == null ? Double.NaN : left.zMeters(),
                right == null ? Double.NaN : right.xMeters(), right == null ? Double.NaN : right.yMeters(),
                right == null ? Double.NaN : right.zMeters());
    }
}
