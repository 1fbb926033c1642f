package io.aisle.fusion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.testing.LabelReadingRecognizer;
import io.aisle.fusion.testing.Replays;
import io.aisle.fusion.testing.ScriptedSession;
import io.aisle.fusion.testing.TestStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    private final StoreLayout store = TestStores.small();

    private List<Object> busySession() {
        return new ScriptedSession(store, 2.0, 3).enter("a", 0, 1).enter("b", 500, 3).enter("c", 1_000, 4)
                .pick("a", "P1", 4_000, 350).pick("b", "P3", 4_200, 350).pick("c", "P4", 4_500, 700)
                .standAt("a", 5_000, 2, 0).pick("a", "P2", 7_000, 240).put("c", "P4", 7_500, 200)
                .exit("a", 12_000).exit("b", 12_500).exit("c", 13_000).render(15_000);
    }

    @Test
    void replayingTheSameInputsGivesIdenticalOutputs() {
        List<Object> inputs = busySession();
        FusionEngine first = new FusionEngine(store, FusionSettings.defaults());
        FusionEngine second = new FusionEngine(store, FusionSettings.defaults());

        Replays.feed(first, inputs);
        Replays.feed(second, inputs);
        first.finish();
        second.finish();

        assertEquals(first.drainOutputs(), second.drainOutputs());
        assertEquals(first.stats(), second.stats());
    }

    @Test
    void anEngineRestoredFromASnapshotMidStreamEndsWithTheSameReceipts() {
        List<Object> inputs = busySession();
        FusionEngine uninterrupted = new FusionEngine(store, FusionSettings.defaults());
        List<Receipt> expected = Replays.receipts(uninterrupted, inputs);

        FusionEngine before = new FusionEngine(store, FusionSettings.defaults());
        int cut = inputs.size() * 47 / 100;
        Replays.feed(before, inputs.subList(0, cut));
        List<Receipt> issued = new ArrayList<>(Replays.receiptsIn(before.drainOutputs()));
        FusionEngine after = FusionEngine.restore(store, FusionSettings.defaults(), before.snapshot());
        Replays.feed(after, inputs.subList(cut, inputs.size()));
        after.finish();
        issued.addAll(Replays.receiptsIn(after.drainOutputs()));

        assertEquals(expected, issued);
        assertEquals(3, expected.size());
    }

    @Test
    void anEngineWithARecognizerRestoredMidStreamEndsWithTheSameReceipts() {
        StoreLayout lookalikes = TestStores.lookalikes();
        // The cut falls after b's crops arrive and before b's pick is explained: the crops travel in the snapshot.
        List<Object> inputs = new ScriptedSession(lookalikes, 2.0, 13).enter("a", 0, 1).enter("b", 500, 3)
                .pick("a", "P1", 4_000, 661).handCrop("a", 3_900, "LEMON").handCrop("a", 4_000, "LIME")
                .pick("b", "P3", 5_000, 501).handCrop("b", 4_900, "PLUM").handCrop("b", 5_000, "PLUM")
                .exit("a", 10_000).exit("b", 10_500).render(12_000);
        FusionEngine uninterrupted = new FusionEngine(lookalikes, FusionSettings.defaults(), LabelReadingRecognizer.sure());
        List<Receipt> expected = Replays.receipts(uninterrupted, inputs);

        FusionEngine before = new FusionEngine(lookalikes, FusionSettings.defaults(), LabelReadingRecognizer.sure());
        int cut = 0;
        while (ScriptedSession.timestampOf(inputs.get(cut)) < ScriptedSession.T0 + 5_100) {
            cut++;
        }
        Replays.feed(before, inputs.subList(0, cut));
        FusionEngine after = FusionEngine.restore(lookalikes, FusionSettings.defaults(),
                Optional.of(LabelReadingRecognizer.sure()), before.snapshot());
        Replays.feed(after, inputs.subList(cut, inputs.size()));
        after.finish();

        assertEquals(expected, Replays.receiptsIn(after.drainOutputs()));
        assertEquals(1, Replays.receiptOf(expected, "b").quantityOf("PLUM"));
    }

    @Test
    void refusesASnapshotOfAnotherStore() {
        byte[] snapshot = new FusionEngine(store, FusionSettings.defaults()).snapshot();
        StoreLayout other = new StoreLayout("other", 10, 8, store.entry(), store.exit(), store.products(), store.plates());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FusionEngine.restore(other, FusionSettings.defaults(), snapshot));

        assertTrue(e.getMessage().contains("does not fit store other"), e.getMessage());
    }

    @Test
    void refusesBytesThatAreNotASnapshot() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FusionEngine.restore(store, FusionSettings.defaults(), new byte[] {1, 2, 3}));

        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }
}
