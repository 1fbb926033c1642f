package io.aisle.fusion.reading;

import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.Objects;

/**
 * A camera crop of a shopper's hand at the shelf (PNG or JPEG), for the optional product
 * recognizer. Equality is by identity: the image bytes are not compared.
 *
 * @param trackId the shopper track whose hand it shows
 * @param timestampMillis event time on the observation clock, like the track's observations
 */
public record HandCrop(String trackId, long timestampMillis, byte[] imageBytes) {

    /** trackId, timestampMillis, imageBytes. */
    public static final SnapshotCodec<HandCrop> CODEC = SnapshotCodec.of(
            (c, out) -> out.writeString(c.trackId).writeLong(c.timestampMillis).writeBytes(c.imageBytes),
            in -> new HandCrop(in.readString(), in.readLong(), in.readBytes()));

    public HandCrop {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(imageBytes, "imageBytes");
        if (imageBytes.length == 0) {
            throw new IllegalArgumentException("imageBytes must not be empty");
        }
    }
}
