package io.aisle.vision.snapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;

/**
 * Snapshot bytes: a format header, then one serialized state object. The header lets a reader
 * refuse another format with a message instead of misreading it.
 */
public final class Snapshots {

    private Snapshots() {
    }

    public static byte[] write(String format, Serializable state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeUTF(format);
            out.writeObject(state);
        } catch (IOException e) {
            throw new IllegalStateException(format + " state could not be written", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a snapshot of {@code format} and type {@code type}
     */
    public static <T> T read(byte[] snapshot, String format, Class<T> type) {
        return read(snapshot, List.of(format), type);
    }

    /**
     * Reads a snapshot written under any of {@code formats}: the current one first, then older
     * ones whose state the type still reads (fields added since read as their defaults).
     *
     * @throws IllegalArgumentException when the bytes are not a snapshot of one of the formats and type {@code type}
     */
    public static <T> T read(byte[] snapshot, List<String> formats, Class<T> type) {
        String format = String.join(" or ", formats);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(snapshot))) {
            String header = in.readUTF();
            if (!formats.contains(header)) {
                throw new IllegalArgumentException("not a " + format + " snapshot (header '" + header + "')");
            }
            return type.cast(in.readObject());
        } catch (InvalidClassException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException(format + " snapshot was written by an incompatible version", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(format + " snapshot is truncated or corrupt", e);
        }
    }
}
