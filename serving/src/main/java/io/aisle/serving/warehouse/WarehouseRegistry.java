package io.aisle.serving.warehouse;

import io.aisle.recommender.storage.AtomicFiles;
import io.aisle.robotics.dispatch.DispatcherCheckpoint;
import io.aisle.serving.tenancy.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which warehouses each tenant has, each with its running dispatcher. Registrations are written to
 * {@code {root}/{tenant}/{warehouse}/warehouse.json} and started again when the server starts. Dispatcher state
 * (unfinished orders, tasks, robots, pods, closed cells, counters) is checkpointed to {@code state.json} beside it by
 * {@link #checkpointAll} and restored when the warehouse is loaded; a checkpoint that cannot be read or does not fit
 * the registration is logged naming the file, kept as {@code state.json.corrupt}, and the warehouse starts empty.
 * Thread-safe; lookups never touch the disk, so the event loop may call {@link #find}.
 */
public final class WarehouseRegistry {

    private static final Logger log = LoggerFactory.getLogger(WarehouseRegistry.class);
    private static final String FILE = "warehouse.json";
    private static final String STATE_FILE = "state.json";

    /** What a registration did. */
    public enum Outcome { CREATED, UNCHANGED }

    private final Path root;
    private final WarehouseProperties properties;
    private final Clock clock;
    private final ConcurrentMap<WarehouseKey, RunningWarehouse> warehouses = new ConcurrentHashMap<>();

    /** Starts every warehouse already registered under {@code root}. */
    public WarehouseRegistry(Path root, WarehouseProperties properties, Clock clock) {
        this.root = root;
        this.properties = properties;
        this.clock = clock;
        load();
    }

    /** The tenant's warehouse, or empty (also for another tenant's). */
    public Optional<RunningWarehouse> find(WarehouseKey key) {
        return Optional.ofNullable(warehouses.get(key));
    }

    /** A tenant's warehouses, by id. */
    public List<RunningWarehouse> list(TenantId tenant) {
        return warehouses.values().stream().filter(w -> w.key().tenant().equals(tenant))
                .sorted(Comparator.comparing(w -> w.key().warehouse())).toList();
    }

    /** Every running warehouse, for the ticker. */
    public Collection<RunningWarehouse> all() {
        return warehouses.values();
    }

    /**
     * Registers a warehouse and starts its dispatcher; registering the same JSON again changes nothing. Blocks on
     * the disk.
     *
     * @throws IllegalArgumentException naming the field of a malformed registration, or when the warehouse is
     *     already registered differently (a changed warehouse is a new id: robots and tasks refer to its cells)
     */
    public synchronized Outcome register(WarehouseKey key, byte[] json) {
        WarehouseSpec spec = WarehouseSpec.parse(json);
        RunningWarehouse existing = warehouses.get(key);
        if (existing != null) {
            if (existing.spec().sameRegistration(spec)) {
                return Outcome.UNCHANGED;
            }
            throw new IllegalArgumentException("warehouse " + key.warehouse()
                    + " is already registered differently; register a changed warehouse under a new id");
        }
        RunningWarehouse started = RunningWarehouse.start(key, spec, properties, clock);
        AtomicFiles.write(folder(key).resolve(FILE), json);
        warehouses.put(key, started);
        return Outcome.CREATED;
    }

    /**
     * Writes every warehouse's dispatcher checkpoint. Blocks on the disk; a warehouse that cannot be written is
     * logged and does not stop the others.
     */
    public void checkpointAll() {
        for (RunningWarehouse warehouse : warehouses.values()) {
            Path file = folder(warehouse.key()).resolve(STATE_FILE);
            try {
                WarehouseStateFile.write(file, warehouse.dispatcher().checkpoint());
            } catch (RuntimeException e) {
                log.error("cannot checkpoint warehouse {} to {}", warehouse.key(), file, e);
            }
        }
    }

    /** The warehouse with its checkpointed state, or started empty when the checkpoint is refused. */
    private RunningWarehouse resume(WarehouseKey key, WarehouseSpec spec) {
        RunningWarehouse started = RunningWarehouse.start(key, spec, properties, clock);
        Path file = folder(key).resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            return started;
        }
        try {
            DispatcherCheckpoint checkpoint = WarehouseStateFile.read(file);
            try {
                started.dispatcher().restore(checkpoint);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("warehouse state " + file + " does not fit the registration: "
                        + e.getMessage(), e);
            }
            log.info("warehouse {} resumed from {}", key, file);
            return started;
        } catch (RuntimeException e) {
            Path kept = file.resolveSibling(STATE_FILE + ".corrupt");
            log.error("{}; warehouse {} starts empty, the file is kept as {}", e.getMessage(), key, kept);
            try {
                Files.move(file, kept, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                log.error("cannot move {} aside", file, moveFailed);
            }
            return RunningWarehouse.start(key, spec, properties, clock);
        }
    }

    private Path folder(WarehouseKey key) {
        return root.resolve(key.tenant().value()).resolve(key.warehouse());
    }

    private void load() {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> tenants = Files.list(root)) {
            for (Path tenant : tenants.toList()) {
                try (Stream<Path> folders = Files.list(tenant)) {
                    folders.map(folder -> folder.resolve(FILE)).filter(Files::isRegularFile).forEach(files::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list warehouses under " + root, e);
        }
        for (Path file : files) {
            try {
                WarehouseKey key = new WarehouseKey(new TenantId(file.getParent().getParent().getFileName().toString()),
                        file.getParent().getFileName().toString());
                warehouses.put(key, resume(key, WarehouseSpec.parse(Files.readAllBytes(file))));
            } catch (IOException | RuntimeException e) {
                log.error("warehouse {} is unreadable and stays unregistered", file, e);
            }
        }
    }
}
