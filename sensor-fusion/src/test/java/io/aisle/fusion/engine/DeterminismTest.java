package io.aisle.fusion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.testing.LabelReadingRecognizer;
import io.aisle.fusion.testing.Replays;
import io.aisle.fusion.testing.SnapshotSessions;
import io.aisle.fusion.testing.TestStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    private final StoreLayout store = TestStores.small();

    private List<Object> busySession() {
        return SnapshotSessions.busy(store);
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
        int cut = SnapshotSessions.busyCut(inputs);
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
        List<Object> inputs = SnapshotSessions.lookalikes(lookalikes);
        FusionEngine uninterrupted = new FusionEngine(lookalikes, FusionSettings.defaults(), LabelReadingRecognizer.sure());
        List<Receipt> expected = Replays.receipts(uninterrupted, inputs);

        FusionEngine before = new FusionEngine(lookalikes, FusionSettings.defaults(), LabelReadingRecognizer.sure());
        int cut = SnapshotSessions.lookalikesCut(inputs);
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

        assertTrue(e.getMessage().contains("not a fusion-engine snapshot"), e.getMessage());
    }
}
