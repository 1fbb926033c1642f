package io.aisle.vision.snapshot;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Writes one type into snapshot bytes and reads it back: the plug-in point of the snapshot format.
 * A codec writes fields in a fixed order with {@link SnapshotWriter}'s typed calls and reads them in
 * the same order; the layout of every codec is listed in {@code sensor-fusion/SNAPSHOT_FORMAT.md}.
 * A layout change bumps the format version of the snapshot kind that contains the type.
 *
 * @param <T> the type written
 */
public interface SnapshotCodec<T> {

    SnapshotCodec<String> STRING = of((v, out) -> out.writeString(v), SnapshotReader::readString);
    SnapshotCodec<Integer> INT = of((v, out) -> out.writeInt(v), SnapshotReader::readInt);
    SnapshotCodec<Long> LONG = of((v, out) -> out.writeLong(v), SnapshotReader::readLong);
    SnapshotCodec<Double> DOUBLE = of((v, out) -> out.writeDouble(v), SnapshotReader::readDouble);

    void write(T value, SnapshotWriter out);

    /**
     * @throws SnapshotFormatException when the bytes end early or hold a value the type refuses
     */
    T read(SnapshotReader in);

    static <T> SnapshotCodec<T> of(BiConsumer<T, SnapshotWriter> writer, Function<SnapshotReader, T> reader) {
        return new SnapshotCodec<>() {
            @Override
            public void write(T value, SnapshotWriter out) {
                writer.accept(value, out);
            }

            @Override
            public T read(SnapshotReader in) {
                return reader.apply(in);
            }
        };
    }
}
