package io.aisle.vision.snapshot;

/**
 * Snapshot bytes that cannot be read: another kind, a newer format version, or truncated or
 * corrupt data. Retrying cannot help; nothing is restored from such bytes.
 */
public final class SnapshotFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SnapshotFormatException(String message) {
        super(message);
    }

    public SnapshotFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
