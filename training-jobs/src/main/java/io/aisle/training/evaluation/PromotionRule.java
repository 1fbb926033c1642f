package io.aisle.training.evaluation;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Approves a newly trained version only when it beats the approved one on the same held-out cases.
 *
 * <p>Both versions answer the same hidden items, and only items neither has seen: the approved version was fitted
 * on all of its data, so scoring it on cases from that data would reward memory, not skill. The caller therefore
 * compares on held-out data newer than the approved version's, and this rule refuses when there is too little of it.
 *
 * @param candidate the evaluation method of the new version
 * @param approved the evaluation method that scores the approved version
 * @param metric the metric compared, e.g. {@link Metrics#HIT_RATE_AT_10}
 * @param minGain how much higher the new version must score; 0 means any strict gain
 * @param minCases fewer compared cases than this decide nothing, and the approved version stays
 */
public record PromotionRule(String candidate, String approved, String metric, double minGain, int minCases) {

    /**
     * What the rule decided, with the two scores it compared (NaN and empty when nothing was compared).
     */
    public record Decision(boolean promote, String reason, String metric, double candidateScore,
                           Optional<Double> approvedScore) {
    }

    public PromotionRule {
        if (!(minGain >= 0) || !Double.isFinite(minGain)) {
            throw new IllegalArgumentException("the minimum gain must be a finite number >= 0 but was " + minGain);
        }
        if (minCases < 1) {
            throw new IllegalArgumentException("the minimum number of cases must be >= 1 but was " + minCases);
        }
    }

    /** The first version of a model: nothing to compare with. */
    public Decision first() {
        return new Decision(true, "no version was approved yet", metric, Double.NaN, Optional.empty());
    }

    /**
     * @param cases how many hidden items both versions answered
     * @param evaluation method to metric to value on those cases
     * @param approvedVersion the version approved when the run started
     */
    public Decision decide(int cases, Map<String, Map<String, Double>> evaluation, String approvedVersion) {
        if (cases < minCases) {
            return new Decision(false, "only " + cases + " held-out cases are newer than the data of approved "
                    + approvedVersion + "; " + minCases + " are needed to compare", metric, Double.NaN, Optional.empty());
        }
        double candidateScore = score(evaluation, candidate);
        double approvedScore = score(evaluation, approved);
        double gain = candidateScore - approvedScore;
        boolean promote = gain > minGain;
        String comparison = String.format(Locale.ROOT, "%s %.4f against %.4f of approved %s on %d held-out cases (gain %+.4f,"
                + " needed more than %.4f)", metric, candidateScore, approvedScore, approvedVersion, cases, gain, minGain);
        return new Decision(promote, (promote ? "beats the approved version: " : "does not beat the approved version: ")
                + comparison, metric, candidateScore, Optional.of(approvedScore));
    }

    private double score(Map<String, Map<String, Double>> evaluation, String method) {
        Map<String, Double> metrics = evaluation.get(method);
        if (metrics == null || !metrics.containsKey(metric)) {
            throw new IllegalStateException("the evaluation has no " + metric + " for '" + method + "'; it has " + evaluation.keySet());
        }
        return metrics.get(metric);
    }
}
