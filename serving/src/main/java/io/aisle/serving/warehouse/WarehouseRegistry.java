package io.aisle.serving.warehouse;

import io.aisle.serving.storage.AtomicFiles;
import io.aisle.serving.tenancy.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * (tasks, positions) lives in memory only: after a restart the robots start again from their registered cells.
 * Thread-safe; lookups never touch the disk, so the event loop may call {@link #find}.
 */
public final class WarehouseRegistry {

    private static final Logger log = LoggerFactory.getLogger(WarehouseRegistry.class);
    private static final String FILE = "warehouse.json";

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
                warehouses.put(key, RunningWarehouse.start(key, WarehouseSpec.parse(Files.readAllBytes(file)), properties, clock));
            } catch (IOException | RuntimeException e) {
                log.error("warehouse {} is unreadable and stays unregistered", file, e);
            }
        }
    }
}
