package io.aisle.serving.experiments;

import io.aisle.serving.tenancy.TenantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The experiment counters, tagged {@code tenant}, {@code model}, {@code variant} and {@code version}:
 * {@code aisle.experiment.impressions}, {@code aisle.experiment.clicks}, {@code aisle.experiment.carts} and
 * {@code aisle.experiment.purchases} (attributed (recommendation, item) pairs), and
 * {@code aisle.experiment.impressions.evicted} (tagged {@code tenant}: impressions dropped before their window
 * ended because the tenant had too many live). Thread-safe.
 */
public final class ExperimentMetrics {

    private final MeterRegistry registry;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    public ExperimentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void impression(TenantId tenant, String model, String variant, String version) {
        counter("impressions", tenant, model, variant, version).increment();
    }

    void attributed(TenantId tenant, String model, String variant, String version, Outcome outcome) {
        counter(outcome.plural(), tenant, model, variant, version).increment();
    }

    void evicted(TenantId tenant) {
        counters.computeIfAbsent(List.of("evicted", tenant.value()), key -> Counter.builder("aisle.experiment.impressions.evicted")
                .tag("tenant", tenant.value()).register(registry)).increment();
    }

    private Counter counter(String name, TenantId tenant, String model, String variant, String version) {
        return counters.computeIfAbsent(List.of(name, tenant.value(), model, variant, version),
                key -> Counter.builder("aisle.experiment." + name)
                        .tags("tenant", key.get(1), "model", key.get(2), "variant", key.get(3), "version", key.get(4))
                        .register(registry));
    }
}
