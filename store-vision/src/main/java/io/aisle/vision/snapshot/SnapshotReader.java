package io.aisle.vision.snapshot;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads what {@link SnapshotWriter} wrote. Every length is checked against the bytes left before
 * anything is allocated, so a corrupt length fails with {@link SnapshotFormatException} instead of
 * running out of memory. Not thread-safe.
 */
public final class SnapshotReader {

    private final ByteBuffer in;
    private final String what;

    /** @param what names the snapshot in error messages ("fusion-engine snapshot") */
    public SnapshotReader(byte[] bytes, String what) {
        this(ByteBuffer.wrap(bytes), what);
    }

    private SnapshotReader(ByteBuffer in, String what) {
        this.in = in;
        this.what = what;
    }

    public boolean readBoolean() {
        byte b = take(1).get();
        if (b != 0 && b != 1) {
            throw corrupt("a boolean byte is " + b);
        }
        return b == 1;
    }

    public int readInt() {
        return take(4).getInt();
    }

    public long readLong() {
        return take(8).getLong();
    }

    public double readDouble() {
        return take(8).getDouble();
    }

    public String readString() {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(readBytes()));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw corrupt("a string is not UTF-8");
        }
    }

    public byte[] readBytes() {
        int length = readCount(1);
        byte[] bytes = new byte[length];
        take(length).get(bytes);
        return bytes;
    }

    public long[] readLongs() {
        long[] values = new long[readCount(8)];
        for (int i = 0; i < values.length; i++) {
            values[i] = readLong();
        }
        return values;
    }

    public float[] readFloats() {
        float[] values = new float[readCount(4)];
        for (int i = 0; i < values.length; i++) {
            values[i] = take(4).getFloat();
        }
        return values;
    }

    public double[] readDoubles() {
        double[] values = new double[readCount(8)];
        for (int i = 0; i < values.length; i++) {
            values[i] = readDouble();
        }
        return values;
    }

    /** A count, then that many elements read with {@code codec}; the list is mutable. */
    public <T> List<T> readList(SnapshotCodec<T> codec) {
        int count = readCount(1);
        List<T> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(codec.read(this));
        }
        return values;
    }

    /** A count, then string keys and values read with {@code codec}; the map is mutable and keeps the written order. */
    public <V> Map<String, V> readMap(SnapshotCodec<V> codec) {
        int count = readCount(5);
        Map<String, V> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = readString();
            if (values.put(key, codec.read(this)) != null) {
                throw corrupt("key '" + key + "' appears twice");
            }
        }
        return values;
    }

    /**
     * Reads the section {@code name} with {@code body}.
     *
     * @throws SnapshotFormatException when the next section has another name, or {@code body} leaves bytes of it unread
     */
    public <T> T readSection(String name, Function<SnapshotReader, T> body) {
        String found = readString();
        if (!found.equals(name)) {
            throw corrupt("expected section '" + name + "' but found '" + found + "'");
        }
        int length = readCount(1);
        ByteBuffer slice = take(length).slice();
        slice.limit(length);
        SnapshotReader section = new SnapshotReader(slice, what);
        T value = body.apply(section);
        section.requireEnd("section '" + name + "'");
        return value;
    }

    /** @throws SnapshotFormatException when bytes are left after what was read */
    public void requireEnd(String part) {
        if (in.hasRemaining()) {
            throw corrupt(in.remaining() + " bytes left over after " + part);
        }
    }

    /** A failure of this snapshot's data, with the snapshot named. */
    public SnapshotFormatException corrupt(String problem) {
        return new SnapshotFormatException(what + " is corrupt: " + problem);
    }

    /** Reads a count and checks that that many elements of at least {@code minBytesEach} can still follow. */
    private int readCount(int minBytesEach) {
        int count = readInt();
        if (count < 0 || (long) count * minBytesEach > in.remaining()) {
            throw count < 0 ? corrupt("a length is negative (" + count + ")") : truncated();
        }
        return count;
    }

    private ByteBuffer take(int length) {
        if (in.remaining() < length) {
            throw truncated();
        }
        ByteBuffer view = in.duplicate();
        try {
            in.position(in.position() + length);
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            throw truncated();
        }
        return view;
    }

    private SnapshotFormatException truncated() {
        return new SnapshotFormatException(what + " is truncated or corrupt: it ends before the data it announces");
    }
}
