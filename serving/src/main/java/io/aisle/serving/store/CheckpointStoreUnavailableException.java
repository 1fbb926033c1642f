package io.aisle.serving.store;

/** The checkpoint store could not be reached or did not answer in time; a retry may succeed. */
public final class CheckpointStoreUnavailableException extends RuntimeException {

    public CheckpointStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
