package io.aisle.serving.warehouse;

import io.aisle.recommender.storage.AtomicFiles;
import io.aisle.serving.tenancy.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which warehouses each tenant has. Registrations are written to {@code {root}/{tenant}/{warehouse}/warehouse.json};
 * replicas share the folder and {@link #rescan} it, so a warehouse registered on one replica is known to all of
 * them within a rescan period, and to all after a restart. Which replica runs a warehouse's dispatcher is
 * {@link WarehouseOwnership}'s business. Thread-safe; lookups never touch the disk, so the event loop may call
 * {@link #find}.
 */
public final class WarehouseRegistry {

    private static final Logger log = LoggerFactory.getLogger(WarehouseRegistry.class);
    private static final String FILE = "warehouse.json";

    /** What a registration did. */
    public enum Outcome { CREATED, UNCHANGED }

    private final Path root;
    private final WarehouseProperties properties;
    private final Clock clock;
    private final ConcurrentMap<WarehouseKey, RegisteredWarehouse> warehouses = new ConcurrentHashMap<>();
    /** Files refused once, so a rescan does not log them again; guarded by this object's lock. */
    private final Set<Path> refused = new HashSet<>();

    /** Reads every warehouse already registered under {@code root}. */
    public WarehouseRegistry(Path root, WarehouseProperties properties, Clock clock) {
        this.root = root;
        this.properties = properties;
        this.clock = clock;
        rescan();
    }

    /** The tenant's warehouse, or empty (also for another tenant's). */
    public Optional<RegisteredWarehouse> find(WarehouseKey key) {
        return Optional.ofNullable(warehouses.get(key));
    }

    /** A tenant's warehouses, by id. */
    public List<RegisteredWarehouse> list(TenantId tenant) {
        return warehouses.values().stream().filter(w -> w.key().tenant().equals(tenant))
                .sorted(Comparator.comparing(w -> w.key().warehouse())).toList();
    }

    /** Every registered warehouse. */
    public Collection<RegisteredWarehouse> all() {
        return warehouses.values();
    }

    /**
     * Registers a warehouse; registering the same JSON again, here or on another replica, changes nothing. Blocks
     * on the disk.
     *
     * @throws IllegalArgumentException naming the field of a malformed registration, or when the warehouse is
     *     already registered differently (a changed warehouse is a new id: robots and tasks refer to its cells)
     */
    public synchronized Outcome register(WarehouseKey key, byte[] json) {
        WarehouseSpec spec = WarehouseSpec.parse(json);
        Path file = folder(key).resolve(FILE);
        RegisteredWarehouse existing = warehouses.get(key);
        if (existing == null && Files.isRegularFile(file)) {
            existing = read(key, file).orElse(null);
        }
        if (existing != null) {
            if (existing.spec().sameRegistration(spec)) {
                return Outcome.UNCHANGED;
            }
            throw new IllegalArgumentException("warehouse " + key.warehouse()
                    + " is already registered differently; register a changed warehouse under a new id");
        }
        RegisteredWarehouse registration = RegisteredWarehouse.of(key, spec);
        // Building a dispatcher checks that the robots fit the layout before anything is written.
        RunningWarehouse.dispatcher(registration, properties, clock);
        AtomicFiles.write(file, json);
        warehouses.put(key, registration);
        return Outcome.CREATED;
    }

    /** Reads the registrations written since the last scan, by this replica or another. Blocks on the disk. */
    public synchronized void rescan() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> tenants = Files.list(root)) {
            for (Path tenant : tenants.filter(Files::isDirectory).toList()) {
                try (Stream<Path> folders = Files.list(tenant)) {
                    for (Path file : folders.map(folder -> folder.resolve(FILE)).filter(Files::isRegularFile).toList()) {
                        readNew(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list warehouses under " + root, e);
        }
    }

    private void readNew(Path file) {
        WarehouseKey key;
        try {
            key = new WarehouseKey(new TenantId(file.getParent().getParent().getFileName().toString()),
                    file.getParent().getFileName().toString());
        } catch (IllegalArgumentException e) {
            if (refused.add(file)) {
                log.error("{} is not under a tenant and warehouse id and stays unregistered", file, e);
            }
            return;
        }
        if (!warehouses.containsKey(key)) {
            read(key, file).ifPresent(registration -> warehouses.put(key, registration));
        }
    }

    private Optional<RegisteredWarehouse> read(WarehouseKey key, Path file) {
        try {
            return Optional.of(RegisteredWarehouse.of(key, WarehouseSpec.parse(Files.readAllBytes(file))));
        } catch (IOException | RuntimeException e) {
            if (refused.add(file)) {
                log.error("warehouse {} is unreadable and stays unregistered", file, e);
            }
            return Optional.empty();
        }
    }

    private Path folder(WarehouseKey key) {
        return root.resolve(key.tenant().value()).resolve(key.warehouse());
    }
}
