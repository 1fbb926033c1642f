package io.aisle.vision.snapshot;

import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.zip.CRC32;

/**
 * The frame around every snapshot: magic {@code "ASNP"}, the snapshot kind, its format version, the
 * body as one length-prefixed block, and a CRC-32 of the body. The kind and version let a reader
 * refuse another kind or a newer layout with a message instead of misreading it; the checksum turns
 * a damaged body into a clear error before any state is built.
 */
public final class SnapshotEnvelope {

    /** {@code "ASNP"}: never the first bytes of a Java-serialized stream ({@code 0xACED}). */
    public static final int MAGIC = 0x41534E50;

    private SnapshotEnvelope() {
    }

    public static <T> byte[] write(String kind, int version, T value, SnapshotCodec<T> codec) {
        return write(kind, version, body -> codec.write(value, body));
    }

    /** A snapshot whose body {@code body} writes directly: for readers of earlier formats that rewrite them. */
    public static byte[] write(String kind, int version, Consumer<SnapshotWriter> body) {
        SnapshotWriter writer = new SnapshotWriter();
        body.accept(writer);
        byte[] bodyBytes = writer.toByteArray();
        return new SnapshotWriter().writeInt(MAGIC).writeString(kind).writeInt(version).writeBytes(bodyBytes)
                .writeInt(crc(bodyBytes)).toByteArray();
    }

    /**
     * Reads a snapshot of {@code kind} written in format {@code version}.
     *
     * @throws SnapshotFormatException when the bytes are not a snapshot of that kind, were written in
     *     another format version (the message names both), or are truncated or corrupt
     */
    public static <T> T read(byte[] snapshot, String kind, int version, SnapshotCodec<T> codec) {
        return read(snapshot, kind, version, found -> found == version ? codec : null);
    }

    /**
     * Reads a snapshot of {@code kind} written in any format version up to {@code newestVersion}:
     * {@code codecOfVersion} gives the codec of the version found, or null for a version this
     * release no longer reads.
     *
     * @throws SnapshotFormatException when the bytes are not a snapshot of that kind, are of a newer
     *     or an unreadable version (the message names both), or are truncated or corrupt
     */
    public static <T> T read(byte[] snapshot, String kind, int newestVersion,
                             IntFunction<SnapshotCodec<T>> codecOfVersion) {
        int version = newestVersion;
        String what = kind + " snapshot";
        if (isJavaSerialized(snapshot)) {
            throw new SnapshotFormatException(what + " is in the Java-serialized form of earlier releases,"
                    + " which only its legacy reader understands");
        }
        SnapshotReader header = new SnapshotReader(snapshot, what);
        if (snapshot.length < 4 || header.readInt() != MAGIC) {
            throw new SnapshotFormatException("not a " + what + " (no ASNP header)");
        }
        String found = header.readString();
        if (!found.equals(kind)) {
            throw new SnapshotFormatException("not a " + what + " but a " + found + " snapshot");
        }
        int foundVersion = header.readInt();
        if (foundVersion > version) {
            throw new SnapshotFormatException(what + " is format version " + foundVersion
                    + ", newer than version " + version + " that this release reads");
        }
        SnapshotCodec<T> codec = codecOfVersion.apply(foundVersion);
        if (codec == null) {
            throw new SnapshotFormatException(what + " is format version " + foundVersion
                    + ", which this release (version " + version + ") does not read");
        }
        byte[] body = header.readBytes();
        int checksum = header.readInt();
        header.requireEnd("the checksum");
        if (checksum != crc(body)) {
            throw header.corrupt("the body does not match its CRC-32");
        }
        SnapshotReader in = new SnapshotReader(body, what);
        T value;
        try {
            value = codec.read(in);
        } catch (SnapshotFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // A value its type refuses (a negative count, a missing id): the bytes are damaged.
            throw new SnapshotFormatException(what + " is corrupt: " + e.getMessage(), e);
        }
        in.requireEnd("the body");
        return value;
    }

    /** True for bytes that start with the Java serialization stream header {@code 0xACED}. */
    public static boolean isJavaSerialized(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xFF) == 0xAC && (bytes[1] & 0xFF) == 0xED;
    }

    private static int crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
