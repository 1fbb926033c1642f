package io.aisle.serving.recommendations;

import io.aisle.serving.tenancy.TenantId;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The variant plans set through the admin API, per tenant and model. Thread-safe. */
public final class VariantPlans {

    private final ConcurrentHashMap<String, VariantPlan> plans = new ConcurrentHashMap<>();

    public Optional<VariantPlan> find(TenantId tenant, String model) {
        return Optional.ofNullable(plans.get(key(tenant, model)));
    }

    public void put(TenantId tenant, String model, VariantPlan plan) {
        plans.put(key(tenant, model), plan);
    }

    /** Back to serving the approved version alone. */
    public void clear(TenantId tenant, String model) {
        plans.remove(key(tenant, model));
    }

    private static String key(TenantId tenant, String model) {
        return tenant.value() + '/' + model;
    }
}
