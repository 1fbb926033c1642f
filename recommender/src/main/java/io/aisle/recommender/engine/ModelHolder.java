package io.aisle.recommender.engine;

import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.recommender.registry.ModelRegistryException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The loaded models of every tenant, swapped atomically on reload. A reload that fails (corrupt, partial
 * or unknown version) leaves the previously loaded set in place and reports why.
 *
 * <p>Thread-safe: readers call {@link #find} from any thread; reloads may run concurrently with them.
 */
public final class ModelHolder {

    private final ModelRegistry registry;
    private final Map<String, TenantModels> loaded = new ConcurrentHashMap<>();

    public ModelHolder(ModelRegistry registry) {
        this.registry = registry;
    }

    /** The tenant's models, if they were loaded at least once. */
    public Optional<TenantModels> find(String tenant) {
        return Optional.ofNullable(loaded.get(tenant));
    }

    /**
     * Loads the tenant's approved versions and swaps them in.
     *
     * @return the newly loaded set
     * @throws ModelRegistryException when a version is refused; the previous set stays loaded
     */
    public TenantModels reload(String tenant) {
        TenantModels models = TenantModels.loadApproved(registry, tenant);
        loaded.put(tenant, models);
        return models;
    }
}
