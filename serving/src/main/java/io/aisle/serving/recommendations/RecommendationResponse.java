package io.aisle.serving.recommendations;

import io.aisle.recommender.scoring.ScoredItem;
import io.aisle.serving.experiments.AttributionLedger;
import io.aisle.serving.tenancy.TenantId;
import java.util.List;

/**
 * The body of every recommendation answer: the items, which model version and variant chose them, and the
 * {@code recommendationId} that events caused by this answer may name, so they count for its variant.
 */
public record RecommendationResponse(List<Item> items, String modelVersion, String variant, String recommendationId) {

    public record Item(String item, double score) {
    }

    /**
     * The answer of {@code choice} for {@code endpoint}, recorded as an impression of the chosen arm (its variant and
     * the plan's version; a for-you answer may come from a fallback model and name that version instead).
     */
    static RecommendationResponse of(List<ScoredItem> scored, ModelChoice<?> answered, ModelChoice<?> arm, String endpoint,
                                     TenantId tenant, AttributionLedger ledger) {
        List<String> ids = scored.stream().map(ScoredItem::itemId).toList();
        String recommendationId = ledger.recordImpression(tenant, endpoint, arm.variant(), arm.version(), ids);
        return new RecommendationResponse(scored.stream().map(s -> new Item(s.itemId(), s.score())).toList(),
                answered.version(), answered.variant(), recommendationId);
    }
}
