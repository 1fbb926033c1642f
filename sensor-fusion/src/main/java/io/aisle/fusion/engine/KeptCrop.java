package io.aisle.fusion.engine;

import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.Objects;

/**
 * A hand crop as the engine queues and keeps it for the recognizer: the image of a
 * {@link io.aisle.vision.tracking.TrackedHandCrop} with its track and time, nothing else.
 * Equality is by identity: the image bytes are not compared.
 *
 * @param trackId the shopper track whose hand it shows
 * @param timestampMillis event time; on the observation clock while queued, on the shelf clock once kept
 */
record KeptCrop(String trackId, long timestampMillis, byte[] imageBytes) {

    /**
     * trackId, timestampMillis, imageBytes: the layout of the hand crops of {@code fusion-engine}
     * snapshots since version 1, unchanged.
     */
    static final SnapshotCodec<KeptCrop> CODEC = SnapshotCodec.of(
            (c, out) -> out.writeString(c.trackId).writeLong(c.timestampMillis).writeBytes(c.imageBytes),
            in -> new KeptCrop(in.readString(), in.readLong(), in.readBytes()));

    KeptCrop {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(imageBytes, "imageBytes");
        if (imageBytes.length == 0) {
            throw new IllegalArgumentException("imageBytes must not be empty");
        }
    }
}
