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
 * A store's state after a known input: the engine snapshot, the feed (receipt numbers, kept
 * receipts, open carts), and the offset of the next input to apply. Restoring it and applying
 * the inputs from {@code nextOffset} on gives what an uninterrupted owner would have produced,
 * since the engine is deterministic.
 *
 * @param storeKey {@code tenant:store}
 * @param nextOffset the first input offset not yet reflected in this state
 */
public record StoreCheckpoint(String storeKey, long nextOffset, byte[] engineSnapshot, StoreFeed.State feed)
        implements Serializable {

    private static final String MAGIC = "aisle-store-checkpoint-v1";

    public StoreCheckpoint {
        Objects.requireNonNull(storeKey, "storeKey");
        Objects.requireNonNull(engineSnapshot, "engineSnapshot");
        Objects.requireNonNull(feed, "feed");
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
