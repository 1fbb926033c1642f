package io.aisle.simulations.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A generated UTF-8 text file, written through a buffer into a folder created when missing. */
final class GeneratedFile {

    /** What writes the file's content and counts what it wrote. */
    interface Content {
        long writeTo(Writer out) throws IOException;
    }

    private GeneratedFile() {
    }

    /** Writes the file and returns the content's count. */
    static long write(Path out, Content content) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer writer = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            return content.writeTo(writer);
        }
    }
}
