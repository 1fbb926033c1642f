package io.aisle.simulations.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import io.aisle.simulations.store.GroundTruth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Receipts named by the server's tracker are credited to true shoppers by exit time. */
class CreditByExitTest {

    private static final long OFFSET = 1_000_000;

    private static GroundTruth truth(Map<String, Long> exits) {
        return new GroundTruth(Map.of(), Map.of(), exits, List.of(), 0, 100_000);
    }

    private static Receipt receipt(String shopper, long exitMillis) {
        return new Receipt(shopper, List.of(shopper), exitMillis, exitMillis + 300,
                List.of(new ReceiptLine("SKU-1", 1, 0.9)), false, List.of());
    }

    @Test
    void creditsEachReceiptToTheShopperWhoLeftNearestInTimeOnTheReceiptsClock() {
        GroundTruth truth = truth(Map.of("s-1", 10_000L, "s-2", 11_000L));

        GroundTruth credited = LiveStore.creditByExit(truth,
                List.of(receipt("shopper-7", OFFSET + 11_200), receipt("shopper-3", OFFSET + 10_100)), OFFSET);

        assertEquals(Map.of("s-1", List.of("shopper-3"), "s-2", List.of("shopper-7")), credited.trackIds());
    }

    @Test
    void givesAShopperOneReceiptAndLeavesFarOrExitlessReceiptsUncredited() {
        GroundTruth truth = truth(Map.of("s-1", 10_000L));

        GroundTruth credited = LiveStore.creditByExit(truth, List.of(receipt("shopper-1", OFFSET + 10_050),
                receipt("shopper-2", OFFSET + 10_500), receipt("shopper-3", Long.MIN_VALUE),
                receipt("shopper-4", OFFSET + 10_000 + LiveStore.CREDIT_WINDOW_MILLIS + 1)), OFFSET);

        assertEquals(Map.of("s-1", List.of("shopper-1")), credited.trackIds());
    }
}
