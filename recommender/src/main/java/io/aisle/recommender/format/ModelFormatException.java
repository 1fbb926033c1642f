package io.aisle.recommender.format;

/**
 * A model file that cannot be read: missing, malformed, of an unknown format version, or with a field
 * of the wrong type. The message names the file and the field (or line).
 */
public final class ModelFormatException extends RuntimeException {

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
