package io.aisle.recommender.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path folder;

    @Test
    void replacesTheWholeFileAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = folder.resolve("nested/state.json");
        AtomicFiles.write(file, bytes("first"));
        AtomicFiles.write(file, bytes("second, longer"));

        assertArrayEquals(bytes("second, longer"), Files.readAllBytes(file));
        assertEquals(List.of("state.json"), names(file.getParent()));
    }

    @Test
    void aWriteThatCannotRenameKeepsTheOldContentAndRemovesItsTemporaryFile() throws IOException {
        Path file = folder.resolve("pointer");
        Files.createDirectories(file.resolve("not-empty"));

        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(file, bytes("new")));
        assertEquals(List.of("pointer"), names(folder));
        assertEquals(List.of("not-empty"), names(file));
    }

    @Test
    void forcesAWholeTreeThenMovesItIntoPlace() throws IOException {
        Path staging = folder.resolve(".staging");
        Files.createDirectories(staging.resolve("inner"));
        Files.write(staging.resolve("model.bin"), bytes("weights"));
        Files.write(staging.resolve("inner/manifest.json"), bytes("{}"));

        AtomicFiles.forceTree(staging);
        AtomicFiles.move(staging, folder.resolve("v000001"));

        assertArrayEquals(bytes("weights"), Files.readAllBytes(folder.resolve("v000001/model.bin")));
        assertEquals(List.of("v000001"), names(folder));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
