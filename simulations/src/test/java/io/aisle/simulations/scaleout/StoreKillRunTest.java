package io.aisle.simulations.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoreKillRunTest {

    @Test
    void listsAChangedReceiptAsOneLineOnEachSide() {
        List<String> reference = List.of("exit=1 shopper=t1 lines=a x1", "exit=2 shopper=t2 lines=b x1");
        List<String> served = List.of("exit=1 shopper=t1 lines=a x1", "exit=2 shopper=t2 lines=b x2");

        assertEquals(List.of("- exit=2 shopper=t2 lines=b x1", "+ exit=2 shopper=t2 lines=b x2"),
                StoreKillRun.differences(reference, served));
    }
}
