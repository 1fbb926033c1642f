package io.aisle.training.spark;

/** The share of bad rows in an input exceeds {@code --max-bad-rows}; the message lists examples. */
public final class BadRowsException extends RuntimeException {

    public BadRowsException(String message) {
        super(message);
    }
}
