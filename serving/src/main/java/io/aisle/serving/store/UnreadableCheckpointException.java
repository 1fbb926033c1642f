package io.aisle.serving.store;

/**
 * A stored checkpoint that is not one this version can restore: truncated, corrupt, of another
 * format, or of another store. Reading it again does not help; an operator must repair or delete it.
 */
public final class UnreadableCheckpointException extends RuntimeException {

    public UnreadableCheckpointException(StoreKey key, String where, Throwable cause) {
        super("the checkpoint of store " + key + " at " + where + " is refused: " + cause.getMessage(), cause);
    }
}
