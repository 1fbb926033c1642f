package io.aisle.recommender.registry;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a model's files into a staging folder that the registry then publishes atomically. */
@FunctionalInterface
public interface ModelFilesWriter {

    void writeInto(Path stagingFolder) throws IOException;
}
