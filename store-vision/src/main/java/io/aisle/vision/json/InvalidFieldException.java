package io.aisle.vision.json;

/**
 * A JSON document was refused because one field is missing or wrong. The message names the field
 * by its path from the document root, for example {@code cameras[1].intrinsics.fx}.
 */
public final class InvalidFieldException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidFieldException(String field, String problem) {
        super("field '" + field + "' " + problem);
        this.field = field;
    }

    /** The path of the refused field from the document root; {@code $} is the root itself. */
    public String field() {
        return field;
    }
}
