package io.aisle.serving.store;

import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.layout.StoreLayoutFiles;
import io.aisle.recommender.storage.AtomicFiles;
import io.aisle.serving.tenancy.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which stores each tenant has, with their layouts and cameras, kept in memory and written under
 * {@code {home}/stores/{tenant}/{store}/} ({@code layout.json}, {@code cameras.json}) so a restart
 * or a second worker sharing the home finds them. Thread-safe.
 *
 * <p>A store's layout is fixed once registered: plate indexes, checkpoints and receipts refer to
 * it, so a changed layout is a new store id. Registering the same layout again is a no-op.
 */
public final class StoreRegistry {

    private static final Logger log = LoggerFactory.getLogger(StoreRegistry.class);

    /** What a registration did. */
    public enum Outcome { CREATED, UNCHANGED }

    private final Path root;
    private final ConcurrentMap<StoreKey, RegisteredStore> stores = new ConcurrentHashMap<>();

    /** Loads every store already written under {@code root}. */
    public StoreRegistry(Path root) {
        this.root = root;
        load();
    }

    /**
     * The store if this process has loaded it; never touches the disk, so the event loop may call it. Its cameras may
     * have been registered through another worker since: {@link #find} reads them.
     */
    public Optional<RegisteredStore> findLoaded(StoreKey key) {
        return Optional.ofNullable(stores.get(key));
    }

    /**
     * The store, reading its folder when this process has not loaded it, or has loaded it without cameras: may block
     * on the disk. Another worker sharing the home may have registered the store, or its cameras, since this one
     * loaded it; cameras never change once registered, so a store with cameras is not read again.
     */
    public Optional<RegisteredStore> find(StoreKey key) {
        RegisteredStore store = stores.get(key);
        if (store == null || store.cameras().isEmpty()) {
            Optional<RegisteredStore> read = readStore(key);
            if (read.isPresent()) {
                store = stores.merge(key, read.get(), (loaded, fresh) -> loaded.cameras().isPresent() ? loaded : fresh);
            }
        }
        return Optional.ofNullable(store);
    }

    /** A tenant's stores, by store id. */
    public List<RegisteredStore> list(TenantId tenant) {
        return stores.values().stream().filter(s -> s.key().tenant().equals(tenant))
                .sorted(Comparator.comparing(s -> s.key().store())).toList();
    }

    /**
     * @throws IllegalArgumentException when the layout names another store, or the store already has a different layout
     */
    public synchronized Outcome registerLayout(StoreKey key, String layoutJson) {
        StoreLayout layout = StoreLayoutFiles.parse(layoutJson);
        if (!layout.storeId().equals(key.store())) {
            throw new IllegalArgumentException("field 'store' must be '" + key.store() + "' (the store in the path) but was '"
                    + layout.storeId() + "'");
        }
        Optional<RegisteredStore> existing = find(key);
        if (existing.isPresent()) {
            if (existing.get().layout().equals(layout)) {
                return Outcome.UNCHANGED;
            }
            throw new IllegalArgumentException("store " + key.store() + " already has a different layout; register a changed layout under a new store id");
        }
        AtomicFiles.write(folder(key).resolve("layout.json"), layoutJson.getBytes(StandardCharsets.UTF_8));
        stores.put(key, new RegisteredStore(key, layout, layoutJson, Optional.empty()));
        return Outcome.CREATED;
    }

    /**
     * @throws IllegalArgumentException when the store already has different cameras
     * @throws NoSuchElementException when the store has no layout
     */
    public synchronized Outcome registerCameras(StoreKey key, CameraSetup setup) {
        RegisteredStore store = find(key).orElseThrow();
        if (store.cameras().isPresent()) {
            if (Arrays.equals(store.cameras().get().json(), setup.json())) {
                return Outcome.UNCHANGED;
            }
            throw new IllegalArgumentException("store " + key.store() + " already has cameras; the tracker's identities depend on them");
        }
        AtomicFiles.write(folder(key).resolve("cameras.json"), setup.json());
        stores.put(key, store.withCameras(setup));
        return Outcome.CREATED;
    }

    private Path folder(StoreKey key) {
        return root.resolve(key.tenant().value()).resolve(key.store());
    }

    private void load() {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<StoreKey> keys = new ArrayList<>();
        try (Stream<Path> tenants = Files.list(root)) {
            for (Path tenant : tenants.toList()) {
                try (Stream<Path> folders = Files.list(tenant)) {
                    for (Path folder : folders.toList()) {
                        StoreKey.parseWireKey(tenant.getFileName() + ":" + folder.getFileName()).ifPresent(keys::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list stores under " + root, e);
        }
        for (StoreKey key : keys) {
            try {
                readStore(key).ifPresent(store -> stores.put(key, store));
            } catch (RuntimeException e) {
                log.error("store {} under {} is unreadable and stays unregistered", key, root, e);
            }
        }
    }

    private Optional<RegisteredStore> readStore(StoreKey key) {
        Path folder = folder(key);
        Path layoutFile = folder.resolve("layout.json");
        if (!Files.isRegularFile(layoutFile)) {
            return Optional.empty();
        }
        try {
            String json = Files.readString(layoutFile);
            Path camerasFile = folder.resolve("cameras.json");
            Optional<CameraSetup> cameras = Files.isRegularFile(camerasFile)
                    ? Optional.of(CameraSetup.parse(Files.readAllBytes(camerasFile))) : Optional.empty();
            return Optional.of(new RegisteredStore(key, StoreLayoutFiles.parse(json), json, cameras));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read store " + key + " from " + folder, e);
        }
    }
}
