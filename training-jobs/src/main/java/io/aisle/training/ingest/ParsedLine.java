package io.aisle.training.ingest;

import java.io.Serializable;
import java.util.List;

/**
 * The outcome of parsing one log line: its interactions, or why the line is bad.
 *
 * @param lineNumber 1-based line number in the input
 * @param interactions empty when the line is bad (or blank and skippable)
 * @param problem {@code null} for a good line, else a message naming the field
 */
public record ParsedLine(long lineNumber, List<Interaction> interactions, String problem) implements Serializable {

    public ParsedLine {
        interactions = List.copyOf(interactions);
    }

    public static ParsedLine good(long lineNumber, List<Interaction> interactions) {
        return new ParsedLine(lineNumber, interactions, null);
    }

    public static ParsedLine bad(long lineNumber, String problem) {
        return new ParsedLine(lineNumber, List.of(), problem);
    }

    public boolean isBad() {
        return problem != null;
    }

    /** The problem with its line number, for reports: {@code "line 17: rating 'x' is not a number"}. */
    public String describe() {
        return "line " + lineNumber + ": " + problem;
    }
}
