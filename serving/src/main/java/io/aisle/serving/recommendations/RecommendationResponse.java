package io.aisle.serving.recommendations;

import io.aisle.recommender.scoring.ScoredItem;
import java.util.List;

/** The body of every recommendation answer: the items, and which model version and variant chose them. */
public record RecommendationResponse(List<Item> items, String modelVersion, String variant) {

    public record Item(String item, double score) {
    }

    static RecommendationResponse of(List<ScoredItem> scored, ModelChoice<?> choice) {
        return new RecommendationResponse(scored.stream().map(s -> new Item(s.itemId(), s.score())).toList(),
                choice.version(), choice.variant());
    }
}
