package io.aisle.fusion.layout;

/** A layout file that cannot be read; the message names the offending field by its JSON path. */
public final class LayoutFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LayoutFormatException(String message) {
        super(message);
    }

    public LayoutFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
