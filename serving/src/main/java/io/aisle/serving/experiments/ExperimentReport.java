package io.aisle.serving.experiments;

import io.aisle.recommender.experiment.ProportionComparison;
import io.aisle.serving.tenancy.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The body of {@code GET /v1/admin/models/{model}/experiment}: every arm's counts and rates, and each arm after the
 * first (the control) compared with the control on every outcome. A rate is impressions that led to the outcome
 * at least once over impressions, so the comparison is of two proportions over independent impressions.
 *
 * @param attributionWindowSeconds how long after an impression its events count
 * @param control the first arm's variant; empty when the model serves no version
 */
public record ExperimentReport(String model, long attributionWindowSeconds, double confidence, double power, String control,
                               List<Arm> variants, List<Comparison> comparisons) {

    public ExperimentReport {
        variants = List.copyOf(variants);
        comparisons = List.copyOf(comparisons);
    }

    /** A variant as the plan names it: the name the responses carry and its model version. */
    public record ArmVersion(String variant, String version) {
    }

    /** One arm's totals; the counts are attributed (recommendation, item) pairs, the rates per impression. */
    public record Arm(String variant, String version, long impressions, long clicks, long carts, long purchases,
                      double clickRate, double cartRate, double purchaseRate) {

        static Arm of(VariantOutcomes outcomes) {
            return new Arm(outcomes.variant(), outcomes.version(), outcomes.impressions(), outcomes.attributed(Outcome.CLICK),
                    outcomes.attributed(Outcome.CART), outcomes.attributed(Outcome.PURCHASE), outcomes.rate(Outcome.CLICK),
                    outcomes.rate(Outcome.CART), outcomes.rate(Outcome.PURCHASE));
        }
    }

    /**
     * One arm against the control on one outcome.
     *
     * @param difference {@code variantRate - controlRate}
     * @param ci95 Newcombe's hybrid score 95% interval of the difference
     * @param significant whether {@code ci95} leaves out 0
     * @param requiredImpressionsPerVariant impressions per arm that detect a difference of the observed size with
     *     80% power; null while the rates are equal or an arm has no impressions
     * @param remainingImpressionsPerVariant how many of those the smaller arm still lacks; null likewise
     */
    public record Comparison(String variant, String outcome, double controlRate, double variantRate, double difference,
                             ProportionComparison.Interval ci95, boolean significant, Long requiredImpressionsPerVariant,
                             Long remainingImpressionsPerVariant) {
    }

    /** Builds the report of {@code arms} (control first) from what the ledger has counted for them. */
    public static ExperimentReport of(AttributionLedger ledger, TenantId tenant, String model, List<ArmVersion> arms) {
        List<VariantOutcomes> outcomes = arms.stream()
                .map(arm -> ledger.outcomes(tenant, model, arm.variant(), arm.version())).toList();
        List<Comparison> comparisons = new ArrayList<>();
        for (int i = 1; i < outcomes.size(); i++) {
            for (Outcome outcome : Outcome.values()) {
                comparisons.add(compare(outcomes.get(0), outcomes.get(i), outcome));
            }
        }
        return new ExperimentReport(model, ledger.window().toSeconds(), 0.95, 0.8,
                arms.isEmpty() ? null : arms.get(0).variant(), outcomes.stream().map(Arm::of).toList(), comparisons);
    }

    private static Comparison compare(VariantOutcomes control, VariantOutcomes variant, Outcome outcome) {
        ProportionComparison comparison = new ProportionComparison(control.converted(outcome), control.impressions(),
                variant.converted(outcome), variant.impressions());
        return new Comparison(variant.variant(), outcome.wireName(), comparison.rateA(), comparison.rateB(),
                comparison.difference(), comparison.newcombeInterval(), comparison.significant(),
                boxed(comparison.requiredImpressionsPerVariant()), boxed(comparison.remainingImpressionsPerVariant()));
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
