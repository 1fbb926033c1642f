package io.aisle.recommender.registry;

import java.util.Map;
import java.util.Objects;

/**
 * Everything a training run knows about a model it is about to publish, except its files, which the
 * {@link ModelRegistry#publish} writer puts into the staging folder.
 */
public record ModelDraft(String type, String dataFingerprint, Map<String, Long> rowCounts,
                         Map<String, String> parameters, Map<String, Map<String, Double>> evaluation) {

    public ModelDraft {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(dataFingerprint, "dataFingerprint");
        rowCounts = Map.copyOf(rowCounts);
        parameters = Map.copyOf(parameters);
        evaluation = Map.copyOf(evaluation);
    }
}
