package io.aisle.serving.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.aisle.serving.events.EventType;
import io.aisle.serving.events.InteractionEvent;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AttributionLedgerTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");

    private final MutableClock clock = new MutableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AttributionLedger ledger = new AttributionLedger(new ExperimentProperties(Duration.ofMinutes(30), 3), clock,
            new ExperimentMetrics(meters));

    @Test
    void countsEachItemAndOutcomeOfAnImpressionOnce() {
        String id = ledger.recordImpression(ACME, "also-bought", "b", "v2", List.of("jam", "butter"));

        ledger.attribute(List.of(event(ACME, "jam", EventType.VIEW, id), event(ACME, "jam", EventType.VIEW, id),
                event(ACME, "butter", EventType.VIEW, id), event(ACME, "jam", EventType.CART, id)));

        VariantOutcomes outcomes = ledger.outcomes(ACME, "also-bought", "b", "v2");
        assertEquals(1, outcomes.impressions());
        assertEquals(2, outcomes.attributed(Outcome.CLICK));
        assertEquals(1, outcomes.converted(Outcome.CLICK), "one impression, clicked");
        assertEquals(1, outcomes.attributed(Outcome.CART));
        assertEquals(0, outcomes.attributed(Outcome.PURCHASE));
        assertEquals(2.0, meters.get("aisle.experiment.clicks").tag("variant", "b").counter().count(), 1e-9);
        assertEquals(1.0, meters.get("aisle.experiment.impressions").tag("version", "v2").counter().count(), 1e-9);
    }

    @Test
    void ignoresAnItemThatWasNotRecommended() {
        String id = ledger.recordImpression(ACME, "also-bought", "b", "v2", List.of("jam"));

        ledger.attribute(List.of(event(ACME, "bread", EventType.PURCHASE, id)));

        assertEquals(0, ledger.outcomes(ACME, "also-bought", "b", "v2").attributed(Outcome.PURCHASE));
    }

    @Test
    void anotherTenantNamingTheIdAttributesNothing() {
        String id = ledger.recordImpression(ACME, "also-bought", "b", "v2", List.of("jam"));
        ledger.recordImpression(GLOBEX, "also-bought", "b", "v2", List.of("jam"));

        ledger.attribute(List.of(event(GLOBEX, "jam", EventType.PURCHASE, id)));

        assertEquals(0, ledger.outcomes(ACME, "also-bought", "b", "v2").attributed(Outcome.PURCHASE));
        assertEquals(0, ledger.outcomes(GLOBEX, "also-bought", "b", "v2").attributed(Outcome.PURCHASE));
    }

    @Test
    void anEventAfterTheWindowCountsNothing() {
        String id = ledger.recordImpression(ACME, "also-bought", "a", "v1", List.of("jam"));
        clock.advance(Duration.ofMinutes(30));

        ledger.attribute(List.of(event(ACME, "jam", EventType.VIEW, id)));

        assertEquals(0, ledger.outcomes(ACME, "also-bought", "a", "v1").attributed(Outcome.CLICK));
        assertEquals(1, ledger.outcomes(ACME, "also-bought", "a", "v1").impressions(), "the totals outlive the window");
    }

    @Test
    void anEventDatedLongBeforeTheImpressionCountsNothing() {
        String id = ledger.recordImpression(ACME, "also-bought", "a", "v1", List.of("jam"));
        InteractionEvent backfilled = new InteractionEvent(ACME, "u1", "jam", EventType.VIEW, clock.instant().minus(Duration.ofHours(2)),
                Optional.empty(), Optional.of(id));

        ledger.attribute(List.of(backfilled));

        assertEquals(0, ledger.outcomes(ACME, "also-bought", "a", "v1").attributed(Outcome.CLICK));
    }

    @Test
    void pastTheLiveLimitTheOldestImpressionGoesFirst() {
        String oldest = ledger.recordImpression(ACME, "also-bought", "a", "v1", List.of("jam"));
        List<String> newer = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            newer.add(ledger.recordImpression(ACME, "also-bought", "a", "v1", List.of("jam")));
        }

        ledger.attribute(List.of(event(ACME, "jam", EventType.VIEW, oldest), event(ACME, "jam", EventType.VIEW, newer.get(0))));

        assertEquals(1, ledger.outcomes(ACME, "also-bought", "a", "v1").converted(Outcome.CLICK));
        assertEquals(1.0, meters.get("aisle.experiment.impressions.evicted").counter().count(), 1e-9);
    }

    @Test
    void givesEveryImpressionItsOwnId() {
        assertNotEquals(ledger.recordImpression(ACME, "for-you", "a", "v1", List.of("jam")),
                ledger.recordImpression(ACME, "for-you", "a", "v1", List.of("jam")));
    }

    @Test
    void concurrentImpressionsAndEventsAreAllCounted() throws Exception {
        AttributionLedger roomy = new AttributionLedger(new ExperimentProperties(Duration.ofMinutes(30), 100_000), clock,
                new ExperimentMetrics(meters));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            work.add(pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    String id = roomy.recordImpression(ACME, "also-bought", "a", "v1", List.of("jam", "butter"));
                    roomy.attribute(List.of(event(ACME, "jam", EventType.VIEW, id), event(ACME, "butter", EventType.VIEW, id)));
                }
            }));
        }
        for (Future<?> future : work) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        VariantOutcomes outcomes = roomy.outcomes(ACME, "also-bought", "a", "v1");
        assertEquals(8_000, outcomes.impressions());
        assertEquals(16_000, outcomes.attributed(Outcome.CLICK));
        assertEquals(8_000, outcomes.converted(Outcome.CLICK));
    }

    private InteractionEvent event(TenantId tenant, String item, EventType type, String recommendationId) {
        return new InteractionEvent(tenant, "u1", item, type, clock.instant(), Optional.empty(), Optional.of(recommendationId));
    }
}
