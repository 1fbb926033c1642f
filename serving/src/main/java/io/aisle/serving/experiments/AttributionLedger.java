package io.aisle.serving.experiments;

import io.aisle.serving.events.InteractionEvent;
import io.aisle.serving.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Impressions and what they led to, per tenant. A recommendation response is recorded as an impression under a
 * fresh {@code recommendationId}; an event that names that id, is about one of the recommended items, and arrives
 * within the attribution window counts once per (recommendation, item, outcome) for the impression's variant.
 *
 * <p>Bounded: an impression is forgotten when its window ends, or earlier when the tenant has
 * {@link ExperimentProperties#maxLiveImpressionsPerTenant()} live ones; the per-variant totals stay (one entry per
 * model, variant and version). Tenant-isolated: an id is looked up among its own tenant's impressions only, so
 * another tenant naming it attributes nothing. In memory, per replica: with several replicas, an event counts
 * only on the replica that served the recommendation.
 *
 * <p>Thread-safe: each tenant's state is guarded by its own lock; the work under it is a few map operations.
 */
public final class AttributionLedger {

    /** An event dated this much before its impression is still taken: storefront clocks drift (as the events edge allows). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Duration window;
    private final int maxLive;
    private final Clock clock;
    private final ExperimentMetrics metrics;
    private final ConcurrentHashMap<TenantId, TenantLedger> tenants = new ConcurrentHashMap<>();

    public AttributionLedger(ExperimentProperties properties, Clock clock, ExperimentMetrics metrics) {
        this.window = properties.attributionWindow();
        this.maxLive = properties.maxLiveImpressionsPerTenant();
        this.clock = clock;
        this.metrics = metrics;
    }

    public Duration window() {
        return window;
    }

    /** Records one recommendation response and returns the {@code recommendationId} it carries. */
    public String recordImpression(TenantId tenant, String model, String variant, String version, List<String> items) {
        String id = newId();
        VariantKey key = new VariantKey(model, variant, version);
        ledger(tenant).record(id, new LiveImpression(key, List.copyOf(items), clock.instant()));
        metrics.impression(tenant, model, variant, version);
        return id;
    }

    /** Attributes the events that name a live impression of their own tenant; the others are left alone. */
    public void attribute(List<InteractionEvent> events) {
        Instant now = clock.instant();
        for (InteractionEvent event : events) {
            if (event.recommendationId().isEmpty()) {
                continue;
            }
            TenantLedger ledger = tenants.get(event.tenant());
            if (ledger == null) {
                continue;
            }
            Outcome outcome = Outcome.of(event.type());
            ledger.attribute(event.recommendationId().get(), event.item(), outcome, event.timestamp(), now)
                    .ifPresent(key -> metrics.attributed(event.tenant(), key.model(), key.variant(), key.version(), outcome));
        }
    }

    /** The totals of one variant so far; all zero when it has served nothing. */
    public VariantOutcomes outcomes(TenantId tenant, String model, String variant, String version) {
        TenantLedger ledger = tenants.get(tenant);
        return ledger == null ? VariantOutcomes.none(variant, version) : ledger.outcomes(new VariantKey(model, variant, version));
    }

    private TenantLedger ledger(TenantId tenant) {
        return tenants.computeIfAbsent(tenant, TenantLedger::new);
    }

    /** 128 random bits in hex: unique without coordination between replicas. */
    private static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }

    private record VariantKey(String model, String variant, String version) {
    }

    /** One served response still inside its window. Guarded by its tenant ledger's lock. */
    private static final class LiveImpression {
        private final VariantKey variant;
        private final List<String> items;
        private final Instant servedAt;
        private final Set<String> attributedPairs = new HashSet<>();
        private final Set<Outcome> converted = EnumSet.noneOf(Outcome.class);

        LiveImpression(VariantKey variant, List<String> items, Instant servedAt) {
            this.variant = variant;
            this.items = items;
            this.servedAt = servedAt;
        }
    }

    /** Running totals of one variant. Guarded by its tenant ledger's lock. */
    private static final class Totals {
        private long impressions;
        private final Map<Outcome, Long> attributed = new EnumMap<>(Outcome.class);
        private final Map<Outcome, Long> converted = new EnumMap<>(Outcome.class);
    }

    private final class TenantLedger {
        private final TenantId tenant;
        /** In serving order, so the oldest impression is the first to expire. */
        private final LinkedHashMap<String, LiveImpression> live = new LinkedHashMap<>();
        private final Map<VariantKey, Totals> totals = new HashMap<>();

        TenantLedger(TenantId tenant) {
            this.tenant = tenant;
        }

        synchronized void record(String id, LiveImpression impression) {
            expire(impression.servedAt);
            if (live.size() >= maxLive) {
                Iterator<LiveImpression> oldest = live.values().iterator();
                oldest.next();
                oldest.remove();
                metrics.evicted(tenant);
            }
            live.put(id, impression);
            totals.computeIfAbsent(impression.variant, key -> new Totals()).impressions++;
        }

        synchronized Optional<VariantKey> attribute(String id, String item, Outcome outcome, Instant eventTime, Instant now) {
            expire(now);
            LiveImpression impression = live.get(id);
            if (impression == null || !impression.items.contains(item)
                    || eventTime.isBefore(impression.servedAt.minus(CLOCK_SKEW))
                    || eventTime.isAfter(impression.servedAt.plus(window))
                    || !impression.attributedPairs.add(outcome.ordinal() + ":" + item)) {
                return Optional.empty();
            }
            Totals variantTotals = totals.get(impression.variant);
            variantTotals.attributed.merge(outcome, 1L, Long::sum);
            if (impression.converted.add(outcome)) {
                variantTotals.converted.merge(outcome, 1L, Long::sum);
            }
            return Optional.of(impression.variant);
        }

        synchronized VariantOutcomes outcomes(VariantKey key) {
            Totals variantTotals = totals.get(key);
            return variantTotals == null ? VariantOutcomes.none(key.variant(), key.version())
                    : new VariantOutcomes(key.variant(), key.version(), variantTotals.impressions, variantTotals.attributed,
                    variantTotals.converted);
        }

        private void expire(Instant now) {
            Iterator<LiveImpression> oldest = live.values().iterator();
            while (oldest.hasNext() && !oldest.next().servedAt.plus(window).isAfter(now)) {
                oldest.remove();
            }
        }
    }
}
