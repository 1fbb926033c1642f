package io.aisle.vision.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Big-endian primitives, length-prefixed strings, arrays, lists and sections, written into memory.
 * Every count and length is a 4-byte signed int; strings are UTF-8. Not thread-safe: one codec
 * writes at a time.
 */
public final class SnapshotWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    public SnapshotWriter writeBoolean(boolean value) {
        return put(() -> out.writeBoolean(value));
    }

    public SnapshotWriter writeInt(int value) {
        return put(() -> out.writeInt(value));
    }

    public SnapshotWriter writeLong(long value) {
        return put(() -> out.writeLong(value));
    }

    public SnapshotWriter writeDouble(double value) {
        return put(() -> out.writeDouble(value));
    }

    public SnapshotWriter writeString(String value) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    public SnapshotWriter writeBytes(byte[] value) {
        writeInt(value.length);
        return put(() -> out.write(value));
    }

    public SnapshotWriter writeLongs(long[] values) {
        writeInt(values.length);
        for (long v : values) {
            writeLong(v);
        }
        return this;
    }

    public SnapshotWriter writeFloats(float[] values) {
        writeInt(values.length);
        for (float v : values) {
            put(() -> out.writeFloat(v));
        }
        return this;
    }

    public SnapshotWriter writeDoubles(double[] values) {
        writeInt(values.length);
        for (double v : values) {
            writeDouble(v);
        }
        return this;
    }

    /** A count, then each element with {@code codec}. */
    public <T> SnapshotWriter writeList(Collection<? extends T> values, SnapshotCodec<T> codec) {
        writeInt(values.size());
        for (T value : values) {
            codec.write(value, this);
        }
        return this;
    }

    /** A count, then each entry as a string key and a value written with {@code codec}, in the map's order. */
    public <V> SnapshotWriter writeMap(Map<String, ? extends V> values, SnapshotCodec<V> codec) {
        writeInt(values.size());
        for (Map.Entry<String, ? extends V> e : values.entrySet()) {
            writeString(e.getKey());
            codec.write(e.getValue(), this);
        }
        return this;
    }

    /**
     * A named section: its name, the length of its body in bytes, the body. A reader checks the
     * name and that the body is read to its last byte, so a codec that drifts from the layout
     * fails at the section that drifted.
     */
    public SnapshotWriter writeSection(String name, Consumer<SnapshotWriter> body) {
        SnapshotWriter section = new SnapshotWriter();
        body.accept(section);
        writeString(name);
        return writeBytes(section.toByteArray());
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private SnapshotWriter put(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            // A ByteArrayOutputStream does not fail; DataOutputStream only declares it.
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private interface Write {
        void run() throws IOException;
    }
}
