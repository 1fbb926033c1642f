package io.aisle.serving.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A store's state after a known input: the engine snapshot, the camera ingest snapshot (frames
 * waiting for their tick, tracks), the feed (receipt numbers, kept receipts, open carts), and the
 * offset of the next input to apply. Restoring it and applying the inputs from {@code nextOffset}
 * on gives what an uninterrupted owner would have produced, since engine and tracker are
 * deterministic.
 *
 * @param storeKey {@code tenant:store}
 * @param nextOffset the first input offset not yet reflected in this state
 * @param cameraSnapshot empty while the store has had no camera frames; a checkpoint written
 *     before camera state was kept reads back with it empty, and its tracks start afresh
 */
public record StoreCheckpoint(String storeKey, long nextOffset, byte[] engineSnapshot, byte[] cameraSnapshot,
                              StoreFeed.State feed) implements Serializable {

    private static final String MAGIC = "aisle-store-checkpoint-v1";

    public StoreCheckpoint {
        Objects.requireNonNull(storeKey, "storeKey");
        Objects.requireNonNull(engineSnapshot, "engineSnapshot");
        Objects.requireNonNull(feed, "feed");
        cameraSnapshot = cameraSnapshot == null ? new byte[0] : cameraSnapshot;
        if (nextOffset < 0) {
            throw new IllegalArgumentException("nextOffset must be >= 0 but was " + nextOffset);
        }
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint of " + storeKey + " could not be written", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a checkpoint
     */
    public static StoreCheckpoint fromBytes(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IllegalArgumentException("not a store checkpoint (header '" + magic + "')");
            }
            return (StoreCheckpoint) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("store checkpoint is truncated, corrupt or of another version", e);
        }
    }
}
