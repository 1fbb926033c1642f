package io.aisle.simulations.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceiptScorerTest {

    private static final GroundTruth TRUTH = new GroundTruth(
            Map.of("s1", Map.of("A", 1, "B", 2), "s2", Map.of("C", 1)),
            Map.of("s1", List.of("s1"), "s2", List.of("s2", "s2~1")),
            Map.of("s1", 10_000L, "s2", 20_000L), List.of(), 0, 30_000);

    private static Receipt receipt(String shopper, long exit, long issued, boolean review, ReceiptLine... lines) {
        return new Receipt(shopper, List.of(shopper), exit, issued, List.of(lines), review,
                review ? List.of("checked") : List.of());
    }

    @Test
    void scoresAPerfectSetOfReceiptsAsExact() {
        StoreScore score = ReceiptScorer.score(TRUTH, List.of(
                receipt("s1", 10_000, 10_300, false, new ReceiptLine("A", 1, 1), new ReceiptLine("B", 2, 1)),
                receipt("s2", 20_000, 20_200, false, new ReceiptLine("C", 1, 1))));

        assertEquals(1.0, score.f1());
        assertEquals(1.0, score.exactReceiptRate());
        assertEquals(0.0, score.wrongChargeRate());
        assertEquals(300, score.latencyP95Millis());
    }

    @Test
    void countsALineWithTheWrongQuantityAsBothIssuedAndMissed() {
        StoreScore score = ReceiptScorer.score(TRUTH, List.of(
                receipt("s1", 10_000, 10_300, true, new ReceiptLine("A", 1, 1), new ReceiptLine("B", 3, 0.5)),
                receipt("s2", 20_000, 20_200, false, new ReceiptLine("C", 1, 1))));

        assertEquals(2 / 3.0, score.precision(), 1e-9);
        assertEquals(2 / 3.0, score.recall(), 1e-9);
        assertEquals(0.5, score.exactReceiptRate());
        assertEquals(0.5, score.wrongChargeRate());
        assertEquals(0.5, score.reviewRate());
    }

    @Test
    void missesEveryLineOfAShopperWithoutReceipt() {
        StoreScore score = ReceiptScorer.score(TRUTH, List.of(
                receipt("s1", 10_000, 10_300, false, new ReceiptLine("A", 1, 1), new ReceiptLine("B", 2, 1))));

        assertEquals(1.0, score.precision());
        assertEquals(2 / 3.0, score.recall(), 1e-9);
        assertEquals(0.5, score.exactReceiptRate());
    }
}
