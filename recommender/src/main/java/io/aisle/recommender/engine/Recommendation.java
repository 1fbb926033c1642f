package io.aisle.recommender.engine;

import io.aisle.recommender.scoring.ScoredItem;
import java.util.List;
import java.util.Objects;

/**
 * An answer: the items, best first, and which model version produced them.
 *
 * @param model model name ({@code also-bought}, {@code for-you}), or {@code popularity} when no model
 *     of that kind is loaded
 * @param version registry version ({@code v000003}), or {@code none}
 * @param fallback true when some items came from the popularity fallback (cold start, short lists)
 */
public record Recommendation(String model, String version, List<ScoredItem> items, boolean fallback) {

    public Recommendation {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        items = List.copyOf(items);
    }
}
