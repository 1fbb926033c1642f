package io.aisle.recommender.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a file whole or not at all (into a temporary file beside it, then one atomic rename), and durably:
 * a rename alone survives a crash of the process but not a power cut, since the new content may still sit
 * in the page cache while the directory entry already points at it. So every write forces the content to
 * disk before the rename, and the folder after it (the pattern of SQLite's and PostgreSQL's own files).
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Creates the parent folders as needed; a reader sees the old content or the new, never half, and once
     * this returns the new content survives a power cut.
     */
    public static void write(Path file, byte[] bytes) {
        Path parent = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            Files.createDirectories(parent);
            temporary = Files.createTempFile(parent, ".write-", ".tmp");
            Files.write(temporary, bytes);
            force(temporary);
            move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Renames {@code source} to {@code target}, then forces the folders that hold them, so the rename
     * survives a power cut once this returns. Whatever was moved must have been forced before
     * ({@link #force}, {@link #forceTree}).
     */
    public static void move(Path source, Path target, CopyOption... options) throws IOException {
        Files.move(source, target, options);
        Path targetFolder = target.toAbsolutePath().getParent();
        Path sourceFolder = source.toAbsolutePath().getParent();
        forceFolder(targetFolder);
        if (!sourceFolder.equals(targetFolder)) {
            forceFolder(sourceFolder);
        }
    }

    /** Forces a regular file's content and metadata to disk. */
    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Forces every file and folder under {@code folder}, and the folder itself: before it is renamed into place. */
    public static void forceTree(Path folder) throws IOException {
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(path)) {
                    force(path);
                } else if (Files.isDirectory(path)) {
                    folders.add(path);
                }
            }
        }
        for (Path each : folders) {
            forceFolder(each);
        }
    }

    /**
     * Forces a folder's entries (names created, renamed or removed in it). Linux and the BSDs allow this
     * through a read-only descriptor of the folder; where the platform refuses to open one (Windows), the
     * file system orders its metadata itself and there is nothing to force.
     */
    public static void forceFolder(Path folder) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(folder, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException platformRefuses) {
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // The write already failed; a leftover ".write-*.tmp" is harmless and named as temporary.
        }
    }
}
