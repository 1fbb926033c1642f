package io.aisle.training.ingest;

import java.io.Serializable;

/** Parses one line of a log; implementations are stateless and serializable so Spark can ship them. */
public interface LineParser extends Serializable {

    /** @param lineNumber 1-based; {@code line} has no line terminator */
    ParsedLine parse(long lineNumber, String line);
}
