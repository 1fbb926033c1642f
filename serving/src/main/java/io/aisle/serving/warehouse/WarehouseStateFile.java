package io.aisle.serving.warehouse;

import io.aisle.recommender.storage.AtomicFiles;
import io.aisle.robotics.dispatch.DispatcherCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A warehouse's dispatcher checkpoint as JSON, written whole or not at all (a crash mid-write leaves the previous
 * checkpoint). The JSON is the {@link DispatcherCheckpoint} record as Jackson writes it, with no schema version of
 * its own: a server whose checkpoint record has changed may refuse an older file, and the warehouse then starts
 * empty, so drain a warehouse before such an upgrade.
 */
final class WarehouseStateFile {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WarehouseStateFile() {
    }

    static void write(Path file, DispatcherCheckpoint checkpoint) {
        AtomicFiles.write(file, JSON.writeValueAsBytes(checkpoint));
    }

    /**
     * @throws IllegalArgumentException naming the file when it is not a checkpoint
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    static DispatcherCheckpoint read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read warehouse state " + file, e);
        }
        try {
            DispatcherCheckpoint checkpoint = JSON.readValue(bytes, DispatcherCheckpoint.class);
            if (checkpoint == null) {
                throw new IllegalArgumentException("warehouse state " + file + " is empty");
            }
            return checkpoint;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("warehouse state " + file + " is not a dispatcher checkpoint: "
                    + e.getOriginalMessage(), e);
        }
    }
}
