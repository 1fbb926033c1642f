package io.aisle.recommender.scoring;

import java.util.Objects;

/** One recommended item and its score; higher is better, scores are only comparable within one list. */
public record ScoredItem(String itemId, double score) {

    public ScoredItem {
        Objects.requireNonNull(itemId, "itemId");
    }
}
