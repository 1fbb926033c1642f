package io.aisle.serving.experiments;

import java.util.EnumMap;
import java.util.Map;

/**
 * What one variant (a name and a model version) of one model has led to so far.
 *
 * @param impressions recommendation responses served
 * @param attributed per outcome, distinct (recommendation, item) pairs that led to it: a count, not a rate
 * @param converted per outcome, impressions that led to it at least once: the numerator of the outcome's rate
 */
public record VariantOutcomes(String variant, String version, long impressions, Map<Outcome, Long> attributed,
                              Map<Outcome, Long> converted) {

    public VariantOutcomes {
        attributed = Map.copyOf(complete(attributed));
        converted = Map.copyOf(complete(converted));
    }

    static VariantOutcomes none(String variant, String version) {
        return new VariantOutcomes(variant, version, 0, Map.of(), Map.of());
    }

    public long attributed(Outcome outcome) {
        return attributed.get(outcome);
    }

    public long converted(Outcome outcome) {
        return converted.get(outcome);
    }

    /** Impressions that converted to {@code outcome} over all impressions; 0 without impressions. */
    public double rate(Outcome outcome) {
        return impressions == 0 ? 0 : (double) converted(outcome) / impressions;
    }

    private static Map<Outcome, Long> complete(Map<Outcome, Long> counts) {
        Map<Outcome, Long> all = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            all.put(outcome, counts.getOrDefault(outcome, 0L));
        }
        return all;
    }
}
