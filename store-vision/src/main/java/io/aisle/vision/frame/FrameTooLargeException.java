package io.aisle.vision.frame;

/**
 * A camera-frame batch exceeds one of the {@link FrameLimits}; the message names the bound and
 * the field. At the HTTP edge this is a 413, unlike a malformed batch (a 400).
 */
public final class FrameTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public FrameTooLargeException(String field, String problem) {
        super("field '" + field + "' " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
