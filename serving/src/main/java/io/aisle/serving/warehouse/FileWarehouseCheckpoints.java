package io.aisle.serving.warehouse;

import io.aisle.robotics.dispatch.DispatcherCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded mode: checkpoints in {@code {root}/{tenant}/{warehouse}/state.json} beside the registration, written
 * whole or not at all. One process owns every warehouse, so the fencing token is not checked; an unusable file is
 * kept as {@code state.json.corrupt}.
 */
public final class FileWarehouseCheckpoints implements WarehouseCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(FileWarehouseCheckpoints.class);
    static final String STATE_FILE = "state.json";

    private final Path root;

    public FileWarehouseCheckpoints(Path root) {
        this.root = root;
    }

    @Override
    public void save(WarehouseKey key, long fence, DispatcherCheckpoint checkpoint) {
        WarehouseStateFile.write(file(key), checkpoint);
    }

    @Override
    public Optional<DispatcherCheckpoint> find(WarehouseKey key) {
        Path file = file(key);
        return Files.isRegularFile(file) ? Optional.of(WarehouseStateFile.read(file)) : Optional.empty();
    }

    @Override
    public void setAside(WarehouseKey key) {
        Path file = file(key);
        Path kept = file.resolveSibling(STATE_FILE + ".corrupt");
        try {
            Files.move(file, kept, StandardCopyOption.REPLACE_EXISTING);
            log.error("warehouse {} starts empty, its state is kept as {}", key, kept);
        } catch (IOException e) {
            log.error("cannot move {} aside", file, e);
        }
    }

    private Path file(WarehouseKey key) {
        return root.resolve(key.tenant().value()).resolve(key.warehouse()).resolve(STATE_FILE);
    }
}
