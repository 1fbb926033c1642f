package io.aisle.serving.store;

import io.aisle.recommender.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints as files {@code {root}/{tenant}/{store}.ckpt}, replaced by write-then-rename so a
 * crash mid-write leaves the previous checkpoint intact. Workers that take over each other's
 * stores must share the folder (for example {@code aisle.home} on shared storage). Thread-safe.
 */
public final class FileCheckpointStore implements CheckpointStore {

    private static final String SUFFIX = ".ckpt";

    private final Path root;

    public FileCheckpointStore(Path root) {
        this.root = root;
    }

    @Override
    public void save(StoreKey key, StoreCheckpoint checkpoint) {
        try {
            AtomicFiles.write(file(key), checkpoint.toBytes());
        } catch (UncheckedIOException e) {
            throw new CheckpointStoreUnavailableException("cannot write the checkpoint of " + key + " to " + file(key), e);
        }
    }

    @Override
    public Optional<StoreCheckpoint> find(StoreKey key) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file(key));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CheckpointStoreUnavailableException("cannot read the checkpoint of " + key + " from " + file(key), e);
        }
        try {
            return Optional.of(StoreCheckpoint.fromBytes(bytes));
        } catch (IllegalArgumentException e) {
            throw new UnreadableCheckpointException(key, file(key).toString(), e);
        }
    }

    @Override
    public List<StoreKey> stores() {
        List<StoreKey> keys = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return keys;
        }
        try (Stream<Path> tenants = Files.list(root)) {
            for (Path tenant : tenants.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(tenant)) {
                    for (Path file : files.toList()) {
                        String name = file.getFileName().toString();
                        if (name.endsWith(SUFFIX)) {
                            StoreKey.parseWireKey(tenant.getFileName() + ":" + name.substring(0, name.length() - SUFFIX.length()))
                                    .ifPresent(keys::add);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new CheckpointStoreUnavailableException("cannot list checkpoints under " + root, e);
        }
        return keys;
    }

    private Path file(StoreKey key) {
        return root.resolve(key.tenant().value()).resolve(key.store() + SUFFIX);
    }
}
