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
 * A warehouse's dispatcher checkpoint as JSON, in a file written whole or not at all (a crash mid-write leaves the
 * previous checkpoint) or as bytes for another store. The JSON is the {@link DispatcherCheckpoint} record as
 * Jackson writes it, with no schema version of its own: a server whose checkpoint record has changed may refuse
 * an older one, and the warehouse then starts empty, so drain a warehouse before such an upgrade.
 */
public final class WarehouseStateFile {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WarehouseStateFile() {
    }

    static void write(Path file, DispatcherCheckpoint checkpoint) {
        AtomicFiles.write(file, toBytes(checkpoint));
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
        return fromBytes(bytes, file.toString());
    }

    public static byte[] toBytes(DispatcherCheckpoint checkpoint) {
        return JSON.writeValueAsBytes(checkpoint);
    }

    /** @throws IllegalArgumentException naming {@code where} when the bytes are not a checkpoint */
    public static DispatcherCheckpoint fromBytes(byte[] bytes, String where) {
        try {
            DispatcherCheckpoint checkpoint = JSON.readValue(bytes, DispatcherCheckpoint.class);
            if (checkpoint == null) {
                throw new IllegalArgumentException("warehouse state " + where + " is empty");
            }
            return checkpoint;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("warehouse state " + where + " is not a dispatcher checkpoint: "
                    + e.getOriginalMessage(), e);
        }
    }
}
