package io.aisle.fusion.testing;

import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotReader;
import io.aisle.vision.snapshot.SnapshotWriter;

/** Writes a value with its codec and reads it back, requiring every written byte to be read. */
public final class CodecRoundTrip {

    private CodecRoundTrip() {
    }

    public static <T> byte[] bytes(SnapshotCodec<T> codec, T value) {
        SnapshotWriter out = new SnapshotWriter();
        codec.write(value, out);
        return out.toByteArray();
    }

    public static <T> T roundTrip(SnapshotCodec<T> codec, T value) {
        SnapshotReader in = new SnapshotReader(bytes(codec, value), "test snapshot");
        T read = codec.read(in);
        in.requireEnd("the value");
        return read;
    }
}
