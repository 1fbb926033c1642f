package io.aisle.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionRuleTest {

    private static final PromotionRule RULE = new PromotionRule("aisle", "approved", Metrics.HIT_RATE_AT_10, 0.01, 30);

    private static Map<String, Map<String, Double>> evaluation(double candidate, double approved) {
        return Map.of("aisle", Map.of(Metrics.HIT_RATE_AT_10, candidate), "approved", Map.of(Metrics.HIT_RATE_AT_10, approved));
    }

    @Test
    void promotesOnlyAGainAboveTheMinimum() {
        PromotionRule.Decision better = RULE.decide(40, evaluation(0.45, 0.40), "v000003");
        assertTrue(better.promote());
        assertEquals("beats the approved version: hr@10 0.4500 against 0.4000 of approved v000003 on 40 held-out cases"
                + " (gain +0.0500, needed more than 0.0100)", better.reason());
        assertEquals(Optional.of(0.40), better.approvedScore());

        PromotionRule.Decision tooSmall = RULE.decide(40, evaluation(0.405, 0.40), "v000003");
        assertFalse(tooSmall.promote());
        assertTrue(tooSmall.reason().startsWith("does not beat the approved version: hr@10 0.4050 against 0.4000"));
        assertFalse(RULE.decide(40, evaluation(0.30, 0.40), "v000003").promote());
    }

    @Test
    void anEqualScoreIsNoGainEvenWithoutAMinimum() {
        PromotionRule anyGain = new PromotionRule("aisle", "approved", Metrics.HIT_RATE_AT_10, 0, 1);
        assertFalse(anyGain.decide(1, evaluation(0.40, 0.40), "v000001").promote());
        assertTrue(anyGain.decide(1, evaluation(0.4001, 0.40), "v000001").promote());
    }

    @Test
    void theFirstVersionIsPromotedWithoutAComparison() {
        PromotionRule.Decision first = RULE.first();
        assertTrue(first.promote());
        assertEquals("no version was approved yet", first.reason());
        assertEquals(Optional.empty(), first.approvedScore());
    }

    @Test
    void tooFewComparedCasesKeepTheApprovedVersionWhateverTheScores() {
        PromotionRule.Decision few = RULE.decide(29, evaluation(0.9, 0.1), "v000002");
        assertFalse(few.promote());
        assertEquals("only 29 held-out cases are newer than the data of approved v000002; 30 are needed to compare",
                few.reason());
    }

    @Test
    void refusesAMissingScoreAndABadMinimum() {
        assertTrue(assertThrows(IllegalStateException.class,
                () -> RULE.decide(40, Map.of("aisle", Map.of(Metrics.HIT_RATE_AT_10, 0.2)), "v000001"))
                .getMessage().startsWith("the evaluation has no hr@10 for 'approved'"));
        assertThrows(IllegalArgumentException.class, () -> new PromotionRule("aisle", "approved", "hr@10", -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PromotionRule("aisle", "approved", "hr@10", Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new PromotionRule("aisle", "approved", "hr@10", 0, 0));
    }
}
