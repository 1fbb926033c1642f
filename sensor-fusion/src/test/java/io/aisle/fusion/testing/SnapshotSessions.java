package io.aisle.fusion.testing;

import io.aisle.fusion.layout.StoreLayout;
import java.util.List;

/**
 * Sessions cut in the middle for snapshot tests. The Java-serialized fixtures under
 * {@code src/test/resources/snapshots} are engines fed exactly {@code inputs.subList(0, cut)} of these
 * sessions by an earlier release: changing a session or its cut breaks the legacy tests.
 */
public final class SnapshotSessions {

    /** {@link TestStores#small()}, three shoppers, picks and a put-back; engine without a recognizer. */
    public static final String BUSY_FIXTURE = "/snapshots/fusion-busy-session-java-serialized.bin";
    /** {@link TestStores#lookalikes()} with hand crops; engine with {@link LabelReadingRecognizer#sure()}. */
    public static final String LOOKALIKES_FIXTURE = "/snapshots/fusion-lookalikes-session-java-serialized.bin";

    private SnapshotSessions() {
    }

    public static List<Object> busy(StoreLayout small) {
        return new ScriptedSession(small, 2.0, 3).enter("a", 0, 1).enter("b", 500, 3).enter("c", 1_000, 4)
                .pick("a", "P1", 4_000, 350).pick("b", "P3", 4_200, 350).pick("c", "P4", 4_500, 700)
                .standAt("a", 5_000, 2, 0).pick("a", "P2", 7_000, 240).put("c", "P4", 7_500, 200)
                .exit("a", 12_000).exit("b", 12_500).exit("c", 13_000).render(15_000);
    }

    /** A little before half of the inputs: shoppers in the store, picks being settled. */
    public static int busyCut(List<Object> inputs) {
        return inputs.size() * 47 / 100;
    }

    public static List<Object> lookalikes(StoreLayout lookalikes) {
        return new ScriptedSession(lookalikes, 2.0, 13).enter("a", 0, 1).enter("b", 500, 3)
                .pick("a", "P1", 4_000, 661).handCrop("a", 3_900, "LEMON").handCrop("a", 4_000, "LIME")
                .pick("b", "P3", 5_000, 501).handCrop("b", 4_900, "PLUM").handCrop("b", 5_000, "PLUM")
                .exit("a", 10_000).exit("b", 10_500).render(12_000);
    }

    /** After b's crops arrive and before b's pick is explained: the crops travel in the snapshot. */
    public static int lookalikesCut(List<Object> inputs) {
        int cut = 0;
        while (ScriptedSession.timestampOf(inputs.get(cut)) < ScriptedSession.T0 + 5_100) {
            cut++;
        }
        return cut;
    }
}
