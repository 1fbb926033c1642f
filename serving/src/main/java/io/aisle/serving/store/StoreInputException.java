package io.aisle.serving.store;

import java.util.Objects;

/**
 * A store input refused by {@link StoreInputParser}: the batch, resolution or dispute is not
 * applied, and nothing has changed. The message names the field and what is wrong with it.
 * {@link StoreHandler} alone turns it into an HTTP answer. No stack trace is filled in: this is
 * an outcome of bad input, not a bug.
 */
public final class StoreInputException extends RuntimeException {

    /** Why the input was refused. */
    public enum Reason {
        /** Well-formed but wrong: an unknown plate or SKU, a value out of range, a camera not calibrated. */
        INVALID,
        /** Not the JSON shape the input kind has. */
        MALFORMED,
        /** More items than a batch may hold, or a frame batch over the frame limits. */
        TOO_LARGE
    }

    private final Reason reason;

    public StoreInputException(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    static StoreInputException invalid(String detail) {
        return new StoreInputException(Reason.INVALID, detail);
    }

    public Reason reason() {
        return reason;
    }
}
