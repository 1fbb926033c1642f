package io.aisle.robotics.map;

/**
 * A map, agents or task file is malformed or inconsistent. The message names the file and line; retrying
 * cannot help.
 */
public final class MapFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int lineNumber;

    /**
     * @param source     file name (or another label) the input came from
     * @param lineNumber 1-based line of the problem, or 0 when it concerns the file as a whole
     * @param message    what is wrong, naming the field
     */
    public MapFormatException(String source, int lineNumber, String message) {
        super(source + (lineNumber > 0 ? ":" + lineNumber : "") + ": " + message);
        this.source = source;
        this.lineNumber = lineNumber;
    }

    public String source() {
        return source;
    }

    /** 1-based line number, or 0 when the problem concerns the whole file. */
    public int lineNumber() {
        return lineNumber;
    }
}
