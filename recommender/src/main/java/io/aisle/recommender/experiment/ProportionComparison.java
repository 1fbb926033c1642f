package io.aisle.recommender.experiment;

import java.util.OptionalLong;

/**
 * Two conversion rates, control {@code a} and treatment {@code b}, compared at a two-sided 95% level: the
 * difference {@code pB - pA}, its confidence interval, and how many impressions per variant a difference of the
 * observed size needs to be detected with 80% power.
 *
 * <p>The interval is Newcombe's hybrid score interval (Newcombe, Statistics in Medicine 17, 1998, method 10):
 * Wilson score limits {@code [lA, uA]} and {@code [lB, uB]} of each rate, combined as
 * {@code d - sqrt((pB - lB)^2 + (uA - pA)^2)} and {@code d + sqrt((uB - pB)^2 + (pA - lA)^2)}. Unlike the Wald
 * interval {@code d ± z sqrt(pA qA / nA + pB qB / nB)} it keeps its coverage at rates near 0, where click and
 * purchase rates live, and never collapses to a point when a count is 0. Newcombe's example 56/70 against 48/80:
 * difference -0.2, Wald [-0.3425, -0.0575], hybrid score [-0.3339, -0.0524].
 *
 * <p>The sample size is the pooled-variance formula for two proportions without continuity correction
 * (Fleiss, Statistical Methods for Rates and Proportions, 3rd ed., 4.14):
 * {@code n = (z_{α/2} sqrt(2 p̄ q̄) + z_β sqrt(pA qA + pB qB))^2 / (pA - pB)^2} per variant with
 * {@code p̄ = (pA + pB) / 2}; 10% against 15% needs 686.
 *
 * @param convertedA impressions of the control that converted, in {@code [0, impressionsA]}
 * @param impressionsA impressions of the control, {@code >= 0}
 */
public record ProportionComparison(long convertedA, long impressionsA, long convertedB, long impressionsB) {

    /** Two-sided 95%: the 0.975 quantile of the standard normal. */
    public static final double Z_95 = 1.959963984540054;
    /** 80% power: the 0.8 quantile of the standard normal. */
    public static final double Z_POWER_80 = 0.8416212335729143;

    public ProportionComparison {
        requireCounts("A", convertedA, impressionsA);
        requireCounts("B", convertedB, impressionsB);
    }

    private static void requireCounts(String variant, long converted, long impressions) {
        if (impressions < 0 || converted < 0 || converted > impressions) {
            throw new IllegalArgumentException("converted" + variant + " must be in [0, impressions" + variant + "] and impressions"
                    + variant + " >= 0 but were " + converted + " and " + impressions);
        }
    }

    /** A closed interval. */
    public record Interval(double lower, double upper) {

        public boolean excludesZero() {
            return lower > 0 || upper < 0;
        }
    }

    public double rateA() {
        return rate(convertedA, impressionsA);
    }

    public double rateB() {
        return rate(convertedB, impressionsB);
    }

    /** {@code rateB - rateA}. */
    public double difference() {
        return rateB() - rateA();
    }

    /** Whether both variants have impressions, so that the rates and the interval mean something. */
    public boolean comparable() {
        return impressionsA > 0 && impressionsB > 0;
    }

    /** Newcombe's hybrid score 95% interval of {@link #difference()}; {@code [-1, 1]} while a variant has no impressions. */
    public Interval newcombeInterval() {
        if (!comparable()) {
            return new Interval(-1, 1);
        }
        double pA = rateA();
        double pB = rateB();
        Interval a = wilson(convertedA, impressionsA);
        Interval b = wilson(convertedB, impressionsB);
        double d = pB - pA;
        return new Interval(d - Math.sqrt(square(pB - b.lower()) + square(a.upper() - pA)),
                d + Math.sqrt(square(b.upper() - pB) + square(pA - a.lower())));
    }

    /** The Wald 95% interval of {@link #difference()}; {@code [-1, 1]} while a variant has no impressions. */
    public Interval waldInterval() {
        if (!comparable()) {
            return new Interval(-1, 1);
        }
        double pA = rateA();
        double pB = rateB();
        double halfWidth = Z_95 * Math.sqrt(pA * (1 - pA) / impressionsA + pB * (1 - pB) / impressionsB);
        return new Interval(difference() - halfWidth, difference() + halfWidth);
    }

    /** Whether the 95% interval of the difference leaves out 0. */
    public boolean significant() {
        return newcombeInterval().excludesZero();
    }

    /**
     * Impressions per variant that detect the observed difference with 80% power at the 95% level; empty when
     * the observed rates are equal (no finite sample detects a zero difference) or a variant has no impressions.
     */
    public OptionalLong requiredImpressionsPerVariant() {
        if (!comparable() || rateA() == rateB()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(requiredImpressionsPerVariant(rateA(), rateB()));
    }

    /** How many more impressions the smaller variant needs to reach {@link #requiredImpressionsPerVariant()}. */
    public OptionalLong remainingImpressionsPerVariant() {
        long smaller = Math.min(impressionsA, impressionsB);
        OptionalLong required = requiredImpressionsPerVariant();
        return required.isPresent() ? OptionalLong.of(Math.max(0, required.getAsLong() - smaller)) : OptionalLong.empty();
    }

    /** Fleiss's per-variant sample size for rates {@code pA != pB} in [0, 1], rounded up. */
    public static long requiredImpressionsPerVariant(double pA, double pB) {
        if (!(pA >= 0 && pA <= 1 && pB >= 0 && pB <= 1) || pA == pB) {
            throw new IllegalArgumentException("rates must be distinct and in [0, 1] but were " + pA + " and " + pB);
        }
        double pooled = (pA + pB) / 2;
        double numerator = Z_95 * Math.sqrt(2 * pooled * (1 - pooled)) + Z_POWER_80 * Math.sqrt(pA * (1 - pA) + pB * (1 - pB));
        return (long) Math.ceil(square(numerator) / square(pA - pB));
    }

    /**
     * The Wilson score 95% interval of {@code converted / impressions} (Wilson 1927):
     * {@code (p + z²/2n ± z sqrt(p q / n + z²/4n²)) / (1 + z²/n)}.
     */
    public static Interval wilson(long converted, long impressions) {
        if (impressions <= 0 || converted < 0 || converted > impressions) {
            throw new IllegalArgumentException("need 0 <= converted <= impressions and impressions > 0 but were "
                    + converted + " and " + impressions);
        }
        double n = impressions;
        double p = converted / n;
        double z2 = Z_95 * Z_95;
        double centre = p + z2 / (2 * n);
        double spread = Z_95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        double scale = 1 + z2 / n;
        return new Interval(Math.max(0, (centre - spread) / scale), Math.min(1, (centre + spread) / scale));
    }

    private static double rate(long converted, long impressions) {
        return impressions == 0 ? 0 : (double) converted / impressions;
    }

    private static double square(double value) {
        return value * value;
    }
}
