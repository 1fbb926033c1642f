package io.aisle.fusion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.testing.LabelReadingRecognizer;
import io.aisle.fusion.testing.Replays;
import io.aisle.fusion.testing.SnapshotSessions;
import io.aisle.fusion.testing.TestStores;
import io.aisle.vision.snapshot.SnapshotEnvelope;
import io.aisle.vision.snapshot.SnapshotFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Java-serialized snapshots written by an earlier release (fixtures) still restore. */
class LegacySnapshotTest {

    private static byte[] fixture(String name) {
        try (InputStream in = LegacySnapshotTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anEngineRestoredFromAJavaSerializedSnapshotIssuesTheReceiptsOfAnUninterruptedRun() {
        StoreLayout store = TestStores.small();
        List<Object> inputs = SnapshotSessions.busy(store);
        int cut = SnapshotSessions.busyCut(inputs);
        List<Receipt> expected = Replays.receipts(new FusionEngine(store, FusionSettings.defaults()), inputs);
        FusionEngine before = new FusionEngine(store, FusionSettings.defaults());
        Replays.feed(before, inputs.subList(0, cut));
        List<Receipt> issued = new ArrayList<>(Replays.receiptsIn(before.drainOutputs()));

        FusionEngine after = FusionEngine.restore(store, FusionSettings.defaults(),
                fixture(SnapshotSessions.BUSY_FIXTURE));
        after.drainOutputs();
        Replays.feed(after, inputs.subList(cut, inputs.size()));
        after.finish();
        issued.addAll(Replays.receiptsIn(after.drainOutputs()));

        assertEquals(3, expected.size());
        assertEquals(expected, issued);
    }

    @Test
    void aConvertedSnapshotIsTheSnapshotTheCurrentReleaseWritesAtTheSamePointShortOfReviewEvidence() {
        StoreLayout store = TestStores.small();
        List<Object> inputs = SnapshotSessions.busy(store);
        FusionEngine current = new FusionEngine(store, FusionSettings.defaults());
        Replays.feed(current, inputs.subList(0, SnapshotSessions.busyCut(inputs)));

        FusionEngine restored = FusionEngine.restore(store, FusionSettings.defaults(),
                fixture(SnapshotSessions.BUSY_FIXTURE));

        // Earlier releases kept no review evidence: the events before the cut have none.
        FusionState withoutEvidence = SnapshotEnvelope.read(current.snapshot(), FusionState.KIND, FusionState.VERSION,
                FusionState.CODEC);
        withoutEvidence.evidence.clear();
        assertArrayEquals(SnapshotEnvelope.write(FusionState.KIND, FusionState.VERSION, withoutEvidence, FusionState.CODEC),
                restored.snapshot());
        assertEquals(current.stats(), restored.stats());
    }

    @Test
    void anEngineWithARecognizerRestoredFromAJavaSerializedSnapshotKeepsTheHandCrops() {
        StoreLayout lookalikes = TestStores.lookalikes();
        List<Object> inputs = SnapshotSessions.lookalikes(lookalikes);
        List<Receipt> expected = Replays.receipts(
                new FusionEngine(lookalikes, FusionSettings.defaults(), LabelReadingRecognizer.sure()), inputs);

        FusionEngine after = FusionEngine.restore(lookalikes, FusionSettings.defaults(),
                Optional.of(LabelReadingRecognizer.sure()), fixture(SnapshotSessions.LOOKALIKES_FIXTURE));
        Replays.feed(after, inputs.subList(SnapshotSessions.lookalikesCut(inputs), inputs.size()));
        after.finish();

        assertEquals(expected, Replays.receiptsIn(after.drainOutputs()));
        assertEquals(1, Replays.receiptOf(expected, "b").quantityOf("PLUM"));
    }

    @Test
    void refusesAJavaSerializedStreamThatIsNotAnEngineSnapshot() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeUTF("aisle-store-checkpoint-v1");
            out.writeObject(new ArrayList<>(List.of("a")));
        }

        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> FusionEngine.restore(TestStores.small(), FusionSettings.defaults(), bytes.toByteArray()));

        assertTrue(e.getMessage().contains("not a fusion engine snapshot"), e.getMessage());
    }

    @Test
    void refusesATruncatedJavaSerializedSnapshot() {
        byte[] legacy = fixture(SnapshotSessions.BUSY_FIXTURE);
        byte[] truncated = java.util.Arrays.copyOf(legacy, legacy.length / 2);

        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> FusionEngine.restore(TestStores.small(), FusionSettings.defaults(), truncated));

        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
