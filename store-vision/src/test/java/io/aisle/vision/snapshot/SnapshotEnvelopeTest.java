package io.aisle.vision.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotEnvelopeTest {

    /** A value of every shape the writer knows, in one section. */
    private record Sample(String name, long[] times, double[] values, float[] embedding, byte[] image,
                          List<String> ids, Map<String, Integer> counts) {
    }

    private static final SnapshotCodec<Sample> SAMPLE = SnapshotCodec.of(
            (s, out) -> out.writeSection("sample", w -> w.writeString(s.name).writeLongs(s.times).writeDoubles(s.values)
                    .writeFloats(s.embedding).writeBytes(s.image).writeList(s.ids, SnapshotCodec.STRING)
                    .writeMap(s.counts, SnapshotCodec.INT).writeBoolean(true)),
            in -> in.readSection("sample", r -> {
                Sample s = new Sample(r.readString(), r.readLongs(), r.readDoubles(), r.readFloats(), r.readBytes(),
                        r.readList(SnapshotCodec.STRING), r.readMap(SnapshotCodec.INT));
                assertTrue(r.readBoolean());
                return s;
            }));

    private static Sample sample() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("zebra", 2);
        counts.put("apple", -1);
        return new Sample("café ✓", new long[] {Long.MIN_VALUE, 0, 7}, new double[] {Double.NaN, -0.0, 1e300},
                new float[] {0.5f, -1f}, new byte[] {-128, 0, 127}, List.of("a", ""), counts);
    }

    @Test
    void everyFieldShapeReadsBackAsWritten() {
        Sample written = sample();

        Sample read = SnapshotEnvelope.read(SnapshotEnvelope.write("sample", 3, written, SAMPLE), "sample", 3, SAMPLE);

        assertEquals(written.name(), read.name());
        assertArrayEquals(written.times(), read.times());
        assertArrayEquals(written.values(), read.values());
        assertArrayEquals(written.embedding(), read.embedding());
        assertArrayEquals(written.image(), read.image());
        assertEquals(written.ids(), read.ids());
        assertEquals(List.copyOf(written.counts().keySet()), List.copyOf(read.counts().keySet()), "map order is kept");
        assertEquals(written.counts(), read.counts());
    }

    @Test
    void refusesANewerFormatVersionNamingBoth() {
        byte[] newer = SnapshotEnvelope.write("sample", 4, sample(), SAMPLE);

        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> SnapshotEnvelope.read(newer, "sample", 3, SAMPLE));

        assertEquals("sample snapshot is format version 4, newer than version 3 that this release reads", e.getMessage());
    }

    @Test
    void refusesJavaSerializedBytesPointingToTheLegacyReader() {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> SnapshotEnvelope.read(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5}, "sample", 3, SAMPLE));

        assertTrue(e.getMessage().contains("Java-serialized"), e.getMessage());
    }

    @Test
    void refusesEveryTruncation() {
        byte[] bytes = SnapshotEnvelope.write("sample", 3, sample(), SAMPLE);
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);

            assertThrows(SnapshotFormatException.class, () -> SnapshotEnvelope.read(truncated, "sample", 3, SAMPLE),
                    "length " + length);
        }
    }

    @Test
    void refusesAHugeLengthWithoutAllocatingIt() {
        SnapshotWriter out = new SnapshotWriter().writeInt(Integer.MAX_VALUE);
        SnapshotReader in = new SnapshotReader(out.toByteArray(), "sample snapshot");

        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, in::readLongs);

        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void refusesASectionOfAnotherNameOrNotReadToItsEnd() {
        byte[] section = new SnapshotWriter().writeSection("a", w -> w.writeInt(1).writeInt(2)).toByteArray();

        SnapshotFormatException wrongName = assertThrows(SnapshotFormatException.class,
                () -> new SnapshotReader(section, "x snapshot").readSection("b", SnapshotReader::readInt));
        SnapshotFormatException leftOver = assertThrows(SnapshotFormatException.class,
                () -> new SnapshotReader(section, "x snapshot").readSection("a", SnapshotReader::readInt));

        assertEquals("x snapshot is corrupt: expected section 'b' but found 'a'", wrongName.getMessage());
        assertEquals("x snapshot is corrupt: 4 bytes left over after section 'a'", leftOver.getMessage());
    }

    @Test
    void aValueItsTypeRefusesIsReportedAsCorrupt() {
        SnapshotCodec<Integer> positive = SnapshotCodec.of((v, out) -> out.writeInt(v), in -> {
            int v = in.readInt();
            if (v <= 0) {
                throw new IllegalArgumentException("value must be > 0 but was " + v);
            }
            return v;
        });
        byte[] bytes = SnapshotEnvelope.write("sample", 1, -3, positive);

        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> SnapshotEnvelope.read(bytes, "sample", 1, positive));

        assertEquals("sample snapshot is corrupt: value must be > 0 but was -3", e.getMessage());
    }
}
