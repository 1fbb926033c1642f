package io.aisle.serving.recommendations;

import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.recommender.registry.VerifiedVersion;
import io.aisle.serving.tenancy.TenantId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live versions of one model kind (for example {@code also-bought}) for every tenant.
 *
 * <p>Readers call {@link #choose} on the event loop: one volatile read of an immutable map, no
 * locks. {@link #refresh} runs on the reload thread only: it reads the registry's approved
 * pointers and the variant plans, loads what is new (reusing every version already loaded),
 * builds a new map and publishes it with one volatile write. A request sees the old map or the
 * new one, never a mix; a version no map references any more becomes garbage. A version that
 * fails to load (corrupt, partial, unknown format) is logged and the tenant keeps what it had.
 */
public final class ModelDeployments<T> {

    private static final Logger log = LoggerFactory.getLogger(ModelDeployments.class);
    public static final String APPROVED = "approved";

    private final String model;
    private final ModelRegistry registry;
    private final VariantPlans plans;
    private final Function<VerifiedVersion, T> loader;
    private final Function<TenantId, String> companions;
    private volatile Map<TenantId, Deployment<T>> live = Map.of();

    public ModelDeployments(String model, ModelRegistry registry, VariantPlans plans, Function<VerifiedVersion, T> loader) {
        this(model, registry, plans, loader, tenant -> "");
    }

    /**
     * @param companions names the versions of other models a loaded {@code T} embeds (for-you
     *     embeds the approved ranker); when it changes, the tenant's versions are loaded anew
     */
    public ModelDeployments(String model, ModelRegistry registry, VariantPlans plans, Function<VerifiedVersion, T> loader,
            Function<TenantId, String> companions) {
        this.model = model;
        this.registry = registry;
        this.plans = plans;
        this.loader = loader;
        this.companions = companions;
    }

    public String model() {
        return model;
    }

    /** The arm for this sticky key, or empty when the tenant has no version of this model. */
    public Optional<ModelChoice<T>> choose(TenantId tenant, String stickyKey) {
        Deployment<T> deployment = live.get(tenant);
        return deployment == null ? Optional.empty() : Optional.of(deployment.choose(stickyKey));
    }

    /** The shadow arm, when the tenant's plan has one. */
    public Optional<ModelChoice<T>> shadow(TenantId tenant) {
        Deployment<T> deployment = live.get(tenant);
        return deployment == null ? Optional.empty() : deployment.shadow;
    }

    /** Brings every tenant's deployment in line with the registry and the plans. Reload thread only. */
    public synchronized void refresh() {
        Map<TenantId, Deployment<T>> previous = live;
        Map<TenantId, Deployment<T>> next = new HashMap<>();
        for (String tenantName : registry.tenants()) {
            TenantId tenant;
            try {
                tenant = new TenantId(tenantName);
            } catch (IllegalArgumentException notATenantFolder) {
                continue;
            }
            Deployment<T> old = previous.get(tenant);
            try {
                plan(tenant).map(plan -> build(tenant, plan, old)).or(() -> Optional.ofNullable(old))
                        .ifPresent(deployment -> next.put(tenant, deployment));
            } catch (RuntimeException e) {
                log.error("cannot deploy {} for tenant {}; it keeps its current version", model, tenant, e);
                if (old != null) {
                    next.put(tenant, old);
                }
            }
        }
        live = Map.copyOf(next);
    }

    private Optional<VariantPlan> plan(TenantId tenant) {
        Optional<VariantPlan> explicit = plans.find(tenant, model);
        if (explicit.isPresent()) {
            return explicit;
        }
        return registry.findApproved(tenant.value(), model)
                .map(version -> new VariantPlan(List.of(new VariantPlan.Arm(APPROVED, version, 1)), Optional.empty()));
    }

    private Deployment<T> build(TenantId tenant, VariantPlan plan, Deployment<T> old) {
        String stamp = companions.apply(tenant);
        Map<String, T> loaded = new HashMap<>();
        if (old != null && old.companions.equals(stamp)) {
            loaded.putAll(old.byVersion);
        }
        Map<String, T> used = new HashMap<>();
        for (VariantPlan.Arm arm : plan.arms()) {
            used.put(arm.version(), load(tenant, arm.version(), loaded));
        }
        plan.shadow().ifPresent(arm -> used.put(arm.version(), load(tenant, arm.version(), loaded)));
        return new Deployment<>(plan, Map.copyOf(used), stamp);
    }

    private T load(TenantId tenant, String version, Map<String, T> loaded) {
        T existing = loaded.get(version);
        if (existing != null) {
            return existing;
        }
        T model = loader.apply(registry.load(tenant.value(), this.model, version));
        log.info("loaded {} {} for tenant {}", this.model, version, tenant);
        return model;
    }

    private static final class Deployment<T> {
        private final VariantPlan plan;
        private final Map<String, T> byVersion;
        private final Optional<ModelChoice<T>> shadow;
        private final String companions;

        Deployment(VariantPlan plan, Map<String, T> byVersion, String companions) {
            this.plan = plan;
            this.byVersion = byVersion;
            this.companions = companions;
            this.shadow = plan.shadow().map(arm -> new ModelChoice<>(arm.variant(), arm.version(), byVersion.get(arm.version())));
        }

        ModelChoice<T> choose(String stickyKey) {
            VariantPlan.Arm arm = plan.armFor(stickyKey);
            return new ModelChoice<>(arm.variant(), arm.version(), byVersion.get(arm.version()));
        }
    }
}
