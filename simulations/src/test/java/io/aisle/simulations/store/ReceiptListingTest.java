package io.aisle.simulations.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiptListingTest {

    private static Receipt receipt(String shopper, long exitMillis, long issuedAtMillis, List<ReceiptLine> lines,
            List<String> reasons) {
        return new Receipt(shopper, List.of(shopper), exitMillis, issuedAtMillis, lines, !reasons.isEmpty(), reasons);
    }

    @Test
    void listsReceiptsByExitOnTheSimulatorsClockWhateverOrderTheyWereReadIn() {
        Receipt late = receipt("t2", 70_500, 71_000, List.of(new ReceiptLine("SKU-1", 2, 0.98765)),
                List.of("ambiguous entry"));
        Receipt early = receipt("t1", 66_400, 67_000, List.of(), List.of());

        assertEquals(List.of("exit=400 shopper=t1 tracks=t1 review=false lines=nothing",
                        "exit=4500 shopper=t2 tracks=t2 review=true reasons=ambiguous_entry lines=SKU-1 x2 @0.9877"),
                ReceiptListing.lines(List.of(late, early), 66_000));
    }

    @Test
    void listsTheSameReceiptsIssuedAtOtherTimesAlike() {
        List<ReceiptLine> lines = List.of(new ReceiptLine("SKU-1", 1, 1.0));

        assertEquals(ReceiptListing.lines(List.of(receipt("t1", 5_000, 6_000, lines, List.of())), 0),
                ReceiptListing.lines(List.of(receipt("t1", 5_000, 9_000, lines, List.of())), 0));
    }
}
