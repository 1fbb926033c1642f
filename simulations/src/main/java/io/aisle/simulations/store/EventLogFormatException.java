package io.aisle.simulations.store;

/** An event log that cannot be read; the message names the record and what is wrong with it. */
public final class EventLogFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EventLogFormatException(String message) {
        super(message);
    }

    public EventLogFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
