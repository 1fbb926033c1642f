package io.aisle.serving.recommendations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.aisle.serving.tenancy.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Latency histograms by tenant, endpoint and variant, and the shadow variant's agreement with
 * what was served ({@code aisle.recommendations.shadow.overlap}: shared items / k).
 */
public final class RecommendationMetrics {

    private final MeterRegistry registry;
    /** Building a timer's id (tags sorted, then looked up) on every request cost more than recording into it. */
    private final Map<List<String>, Timer> latencyTimers = new ConcurrentHashMap<>();

    public RecommendationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(TenantId tenant, String endpoint, String variant, long nanos) {
        latencyTimers.computeIfAbsent(List.of(tenant.value(), endpoint, variant), key -> Timer.builder("aisle.recommendations.latency")
                        .tags("tenant", key.get(0), "endpoint", key.get(1), "variant", key.get(2))
                        .publishPercentileHistogram()
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void recordShadow(TenantId tenant, String endpoint, String variant, List<String> served, List<String> shadow) {
        Set<String> servedSet = Set.copyOf(served);
        long shared = shadow.stream().filter(servedSet::contains).count();
        registry.summary("aisle.recommendations.shadow.overlap", "tenant", tenant.value(), "endpoint", endpoint,
                "variant", variant).record(served.isEmpty() ? 1.0 : (double) shared / served.size());
        Counter.builder("aisle.recommendations.shadow.requests")
                .tags("tenant", tenant.value(), "endpoint", endpoint, "variant", variant)
                .register(registry).increment();
    }

    /**
     * What this process has measured for {@code tenant} since it started, by endpoint and variant,
     * sorted by both: request latency and, for shadow variants, the overlap with what was served.
     */
    public VariantMeasurements measurements(TenantId tenant) {
        List<VariantLatency> latencies = new ArrayList<>();
        for (Timer timer : registry.find("aisle.recommendations.latency").tag("tenant", tenant.value()).timers()) {
            latencies.add(new VariantLatency(timer.getId().getTag("endpoint"), timer.getId().getTag("variant"), timer.count(),
                    timer.mean(TimeUnit.NANOSECONDS) / 1e6, timer.max(TimeUnit.NANOSECONDS) / 1e6));
        }
        latencies.sort(Comparator.comparing(VariantLatency::endpoint).thenComparing(VariantLatency::variant));
        List<ShadowOverlap> overlaps = new ArrayList<>();
        for (DistributionSummary summary : registry.find("aisle.recommendations.shadow.overlap").tag("tenant", tenant.value())
                .summaries()) {
            overlaps.add(new ShadowOverlap(summary.getId().getTag("endpoint"), summary.getId().getTag("variant"),
                    summary.count(), summary.mean()));
        }
        overlaps.sort(Comparator.comparing(ShadowOverlap::endpoint).thenComparing(ShadowOverlap::variant));
        return new VariantMeasurements(latencies, overlaps);
    }

    /** {@code meanMillis} over every request since start; {@code maxMillis} over the registry's recent window. */
    public record VariantLatency(String endpoint, String variant, long requests, double meanMillis, double maxMillis) {
    }

    /** {@code meanOverlap}: the mean share of the served items the shadow variant also returned, 0 to 1. */
    public record ShadowOverlap(String endpoint, String variant, long requests, double meanOverlap) {
    }

    public record VariantMeasurements(List<VariantLatency> latency, List<ShadowOverlap> shadowOverlap) {
        public VariantMeasurements {
            latency = List.copyOf(latency);
            shadowOverlap = List.copyOf(shadowOverlap);
        }
    }

    static List<String> ids(List<RecommendationResponse.Item> items) {
        return items.stream().map(RecommendationResponse.Item::item).collect(Collectors.toList());
    }
}
