package io.aisle.serving.store;

import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotEnvelope;
import io.aisle.vision.snapshot.SnapshotReader;
import java.util.Objects;

/**
 * A store's state after a known input: the engine snapshot, the camera ingest snapshot (frames
 * waiting for their tick, tracks), the feed (receipt numbers, kept receipts, open carts), and the
 * offset of the next input to apply. Restoring it and applying the inputs from {@code nextOffset}
 * on gives what an uninterrupted owner would have produced, since engine and tracker are
 * deterministic.
 *
 * <p>As bytes it is a {@code store-checkpoint} snapshot (layout in {@code sensor-fusion/SNAPSHOT_FORMAT.md});
 * version 1 checkpoints (before the review desk) and the Java-serialized checkpoints of earlier
 * releases ({@code aisle-store-checkpoint-v1}) still read, their flagged receipts opening for review.
 *
 * @param storeKey {@code tenant:store}
 * @param nextOffset the first input offset not yet reflected in this state
 * @param engineSnapshot the engine's own snapshot (a Java-serialized one when read from an earlier
 *     release's checkpoint; the engine reads both)
 * @param cameraSnapshot empty while the store has had no camera frames; a checkpoint written
 *     before camera state was kept reads back with it empty, and its tracks start afresh
 * @param accountSnapshot the account binding's snapshot ({@code account-binding}); empty in a
 *     checkpoint written before accounts were bound (version 2 and earlier), whose store binds afresh
 */
public record StoreCheckpoint(String storeKey, long nextOffset, byte[] engineSnapshot, byte[] cameraSnapshot,
                              byte[] accountSnapshot, StoreFeed.State feed) {

    static final String KIND = "store-checkpoint";
    /** Format version of the body; bump it with every layout change and document both in SNAPSHOT_FORMAT.md. */
    static final int VERSION = 3;

    /**
     * Sections {@code store} (storeKey), {@code offset} (nextOffset), {@code engine} (bytes),
     * {@code camera} (bytes, empty without cameras), {@code feed} (StoreFeed.State: version 2 adds
     * the review desk and the receipts' review fields, version 3 the receipts' accounts), then
     * (version 3) {@code accounts} (bytes, the account binding).
     */
    private static final SnapshotCodec<StoreCheckpoint> CODEC = SnapshotCodec.of(
            (c, out) -> {
                codec(StoreFeed.State.CODEC).write(c, out);
                out.writeSection("accounts", s -> s.writeBytes(c.accountSnapshot));
            },
            in -> codec(StoreFeed.State.CODEC).read(in)
                    .withAccountSnapshot(in.readSection("accounts", SnapshotReader::readBytes)));
    private static final SnapshotCodec<StoreCheckpoint> CODEC_V2 = codec(StoreFeed.State.CODEC_V2);
    private static final SnapshotCodec<StoreCheckpoint> CODEC_V1 = codec(StoreFeed.State.CODEC_V1);

    private static SnapshotCodec<StoreCheckpoint> codec(SnapshotCodec<StoreFeed.State> feedCodec) {
        return SnapshotCodec.of(
                (c, out) -> out.writeSection("store", s -> s.writeString(c.storeKey))
                        .writeSection("offset", s -> s.writeLong(c.nextOffset))
                        .writeSection("engine", s -> s.writeBytes(c.engineSnapshot))
                        .writeSection("camera", s -> s.writeBytes(c.cameraSnapshot))
                        .writeSection("feed", s -> feedCodec.write(c.feed, s)),
                in -> new StoreCheckpoint(in.readSection("store", SnapshotReader::readString),
                        in.readSection("offset", SnapshotReader::readLong), in.readSection("engine", SnapshotReader::readBytes),
                        in.readSection("camera", SnapshotReader::readBytes), new byte[0], in.readSection("feed", feedCodec::read)));
    }

    public StoreCheckpoint {
        Objects.requireNonNull(storeKey, "storeKey");
        Objects.requireNonNull(engineSnapshot, "engineSnapshot");
        Objects.requireNonNull(feed, "feed");
        cameraSnapshot = cameraSnapshot == null ? new byte[0] : cameraSnapshot;
        accountSnapshot = accountSnapshot == null ? new byte[0] : accountSnapshot;
        if (nextOffset < 0) {
            throw new IllegalArgumentException("nextOffset must be >= 0 but was " + nextOffset);
        }
    }

    /** A checkpoint of a release before accounts were bound. */
    public StoreCheckpoint(String storeKey, long nextOffset, byte[] engineSnapshot, byte[] cameraSnapshot,
                           StoreFeed.State feed) {
        this(storeKey, nextOffset, engineSnapshot, cameraSnapshot, new byte[0], feed);
    }

    StoreCheckpoint withAccountSnapshot(byte[] newAccountSnapshot) {
        return new StoreCheckpoint(storeKey, nextOffset, engineSnapshot, cameraSnapshot, newAccountSnapshot, feed);
    }

    public byte[] toBytes() {
        return SnapshotEnvelope.write(KIND, VERSION, this, CODEC);
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a checkpoint, are of a newer format
     *     version, or are truncated or corrupt (a {@link io.aisle.vision.snapshot.SnapshotFormatException})
     */
    public static StoreCheckpoint fromBytes(byte[] bytes) {
        return SnapshotEnvelope.isJavaSerialized(bytes) ? LegacyStoreCheckpoint.read(bytes)
                : SnapshotEnvelope.read(bytes, KIND, VERSION, version -> switch (version) {
                    case 1 -> CODEC_V1;
                    case 2 -> CODEC_V2;
                    case VERSION -> CODEC;
                    default -> null;
                });
    }
}
