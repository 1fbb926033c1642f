package io.aisle.fusion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.testing.Replays;
import io.aisle.fusion.testing.SnapshotSessions;
import io.aisle.fusion.testing.TestStores;
import io.aisle.vision.snapshot.SnapshotFormatException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's snapshot bytes: header checks, and no engine from damaged bytes. */
class SnapshotFormatTest {

    private final StoreLayout store = TestStores.small();

    private byte[] midSessionSnapshot() {
        List<Object> inputs = SnapshotSessions.busy(store);
        FusionEngine engine = new FusionEngine(store, FusionSettings.defaults());
        Replays.feed(engine, inputs.subList(0, SnapshotSessions.busyCut(inputs)));
        return engine.snapshot();
    }

    @Test
    void startsWithTheMagicTheKindAndTheFormatVersion() {
        ByteBuffer header = ByteBuffer.wrap(midSessionSnapshot());

        assertEquals(0x41534E50, header.getInt());
        byte[] kind = new byte[header.getInt()];
        header.get(kind);
        assertEquals("fusion-engine", new String(kind, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, header.getInt());
    }

    @Test
    void refusesASnapshotOfANewerFormatVersionNamingBothVersions() {
        byte[] snapshot = midSessionSnapshot();
        // The version follows the magic (4 bytes) and the kind (4-byte length + 13 bytes).
        ByteBuffer.wrap(snapshot).putInt(4 + 4 + "fusion-engine".length(), 3);

        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> FusionEngine.restore(store, FusionSettings.defaults(), snapshot));

        assertEquals("fusion-engine snapshot is format version 3, newer than version 2 that this release reads",
                e.getMessage());
    }

    @Test
    void refusesEveryTruncationOfASnapshot() {
        byte[] snapshot = midSessionSnapshot();
        for (int length = 0; length < snapshot.length; length += 97) {
            byte[] truncated = Arrays.copyOf(snapshot, length);

            SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                    () -> FusionEngine.restore(store, FusionSettings.defaults(), truncated), "length " + length);

            assertTrue(e.getMessage().startsWith("not a fusion-engine snapshot")
                    || e.getMessage().contains("truncated or corrupt"), e.getMessage());
        }
    }

    @Test
    void refusesASnapshotWithAFlippedBitInItsBody() {
        byte[] snapshot = midSessionSnapshot();
        snapshot[snapshot.length / 2] ^= 0x10;

        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> FusionEngine.restore(store, FusionSettings.defaults(), snapshot));

        assertEquals("fusion-engine snapshot is corrupt: the body does not match its CRC-32", e.getMessage());
    }

    @Test
    void refusesASnapshotOfAnotherKind() {
        byte[] snapshot = midSessionSnapshot();
        // Same length, another name: "fusion-engine" becomes "fusion-enginf".
        snapshot[4 + 4 + "fusion-engine".length() - 1] = 'f';

        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> FusionEngine.restore(store, FusionSettings.defaults(), snapshot));

        assertEquals("not a fusion-engine snapshot but a fusion-enginf snapshot", e.getMessage());
    }
}
