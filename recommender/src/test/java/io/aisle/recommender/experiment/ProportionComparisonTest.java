package io.aisle.recommender.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Against the worked examples of Newcombe (1998), Wilson (1927) as tabulated there, and Fleiss's sample sizes. */
class ProportionComparisonTest {

    /** Newcombe 1998, Table II example (a): 56/70 against 48/80, with 56/70 as the treatment. */
    private static final ProportionComparison NEWCOMBE_A = new ProportionComparison(48, 80, 56, 70);

    @Test
    void waldIntervalMatchesNewcombesExample() {
        ProportionComparison.Interval wald = NEWCOMBE_A.waldInterval();

        assertEquals(0.2, NEWCOMBE_A.difference(), 1e-12);
        assertEquals(0.0575, wald.lower(), 5e-5);
        assertEquals(0.3425, wald.upper(), 5e-5);
    }

    @Test
    void hybridScoreIntervalMatchesNewcombesExample() {
        ProportionComparison.Interval score = NEWCOMBE_A.newcombeInterval();

        assertEquals(0.0524, score.lower(), 5e-5);
        assertEquals(0.3339, score.upper(), 5e-5);
        assertTrue(NEWCOMBE_A.significant());
    }

    @Test
    void hybridScoreIntervalOfNewcombesZeroCountExampleStaysWide() {
        // Newcombe 1998, Table II example (h): 0/10 against 0/20, difference 0, interval [-0.1611, 0.2775].
        ProportionComparison.Interval score = new ProportionComparison(0, 20, 0, 10).newcombeInterval();

        assertEquals(-0.1611, score.lower(), 5e-5);
        assertEquals(0.2775, score.upper(), 5e-5);
    }

    @Test
    void wilsonIntervalMatchesTheTabulatedValue() {
        // Newcombe 1998 Table I (single proportions): 81/263 has the score interval [0.2553, 0.3662].
        ProportionComparison.Interval wilson = ProportionComparison.wilson(81, 263);

        assertEquals(0.2553, wilson.lower(), 5e-5);
        assertEquals(0.3662, wilson.upper(), 5e-5);
    }

    @Test
    void intervalContainingZeroIsNotSignificant() {
        ProportionComparison sameRates = new ProportionComparison(50, 1000, 52, 1000);

        assertFalse(sameRates.significant());
        assertTrue(sameRates.newcombeInterval().lower() < 0 && sameRates.newcombeInterval().upper() > 0);
    }

    @Test
    void sampleSizeForTenAgainstFifteenPercentIsFleisssValue() {
        assertEquals(686, ProportionComparison.requiredImpressionsPerVariant(0.10, 0.15));
        assertEquals(686, ProportionComparison.requiredImpressionsPerVariant(0.15, 0.10));
    }

    @Test
    void sampleSizeForSmallRatesGrowsWithTheInverseSquareOfTheDifference() {
        // Fleiss's formula at 5% against 6%: 8,158 per group (no continuity correction).
        assertEquals(8158, ProportionComparison.requiredImpressionsPerVariant(0.05, 0.06));
    }

    @Test
    void remainingImpressionsCountFromTheSmallerVariant() {
        ProportionComparison comparison = new ProportionComparison(30, 300, 30, 200);

        assertEquals(OptionalLong.of(686 - 200), comparison.remainingImpressionsPerVariant());
    }

    @Test
    void equalRatesNeedNoFiniteSample() {
        ProportionComparison equal = new ProportionComparison(10, 100, 10, 100);

        assertEquals(OptionalLong.empty(), equal.requiredImpressionsPerVariant());
        assertEquals(OptionalLong.empty(), equal.remainingImpressionsPerVariant());
    }

    @Test
    void variantWithoutImpressionsIsNotComparable() {
        ProportionComparison empty = new ProportionComparison(0, 0, 5, 10);

        assertFalse(empty.comparable());
        assertFalse(empty.significant());
        assertEquals(OptionalLong.empty(), empty.requiredImpressionsPerVariant());
    }

    @Test
    void refusesMoreConversionsThanImpressions() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new ProportionComparison(11, 10, 0, 1));

        assertTrue(refused.getMessage().contains("11 and 10"), refused.getMessage());
    }
}
