package io.aisle.simulations.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.vision.observation.ShopperObservation;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreEventLogTest {

    private static final StoreScenario SHORT = StoreScenario.standard().withMinutes(0.25).withPlates(16);

    @TempDir
    Path dir;

    private static final class Recorder implements StoreEventSink {
        final List<Object> events = new ArrayList<>();

        @Override
        public void reading(ShelfReading reading) {
            events.add(reading);
        }

        @Override
        public void observation(ShopperObservation observation) {
            events.add(observation);
        }
    }

    private Path record(Recorder live) throws IOException {
        StoreLayout layout = StoreBenchmark.layoutFor(SHORT, 3);
        Path file = dir.resolve("session.log");
        try (StoreEventLog.Writer writer = StoreEventLog.create(file, layout, SHORT.name(), 3, 2.0, 0)) {
            GroundTruth truth = new StoreSimulator(layout, SHORT, 3).run(new StoreEventSink() {
                @Override
                public void reading(ShelfReading reading) {
                    live.reading(reading);
                    writer.reading(reading);
                }

                @Override
                public void observation(ShopperObservation observation) {
                    live.observation(observation);
                    writer.observation(observation);
                }
            });
            writer.close(truth);
        }
        return file;
    }

    @Test
    void replaysExactlyTheRecordedEventsAndTruth() throws IOException {
        Recorder live = new Recorder();
        Path file = record(live);

        StoreEventLog.Replay replay = StoreEventLog.read(file);
        Recorder replayed = new Recorder();
        replay.replay(replayed);

        assertEquals(live.events, replayed.events);
        assertEquals(SHORT.name(), replay.scenario());
        assertEquals(StoreBenchmark.layoutFor(SHORT, 3), replay.layout());
        assertTrue(replay.truth().receipts().size() >= 1);
    }

    @Test
    void refusesAFileThatIsNotGzip() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.log"), "hello");

        EventLogFormatException e = assertThrows(EventLogFormatException.class, () -> StoreEventLog.read(file));

        assertTrue(e.getMessage().contains("not gzip"), e.getMessage());
    }

    @Test
    void refusesAFileWithAnotherMagic() throws IOException {
        Path file = dir.resolve("other.log");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("SOMETHING-ELSE-ENTIRELY".getBytes());
        }

        EventLogFormatException e = assertThrows(EventLogFormatException.class, () -> StoreEventLog.read(file));

        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
    }

    @Test
    void namesTheRecordWhereATruncatedLogEnds() throws IOException {
        byte[] raw = gunzip(record(new Recorder()));
        Path truncated = gzip(dir.resolve("truncated.log"), Arrays.copyOf(raw, raw.length / 2));

        StoreEventLog.Replay replay = StoreEventLog.read(truncated);
        EventLogFormatException e = assertThrows(EventLogFormatException.class, () -> replay.replay(new Recorder()));

        assertTrue(e.getMessage().matches(".*record \\d+: truncated.*"), e.getMessage());
    }

    @Test
    void namesAnUnknownRecordTag() throws IOException {
        byte[] raw = gunzip(record(new Recorder()));
        raw[headerLength(raw)] = 42;
        Path corrupt = gzip(dir.resolve("corrupt.log"), raw);

        EventLogFormatException e = assertThrows(EventLogFormatException.class,
                () -> StoreEventLog.read(corrupt).replay(new Recorder()));

        assertTrue(e.getMessage().endsWith("record 1: unknown tag 42"), e.getMessage());
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static Path gzip(Path file, byte[] raw) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(raw);
        }
        return file;
    }

    /** Length of the header: magic, version, scenario, seed, noise, skew, layout. */
    private static int headerLength(byte[] raw) throws IOException {
        ByteArrayOutputStream probe = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(probe)) {
            out.write("AISLE-STORE-LOG".getBytes());
            out.writeShort(1);
            out.writeUTF(SHORT.name());
            out.writeLong(0);
            out.writeDouble(0);
            out.writeLong(0);
        }
        int at = probe.size();
        int layoutLength = ((raw[at] & 0xff) << 24) | ((raw[at + 1] & 0xff) << 16) | ((raw[at + 2] & 0xff) << 8)
                | (raw[at + 3] & 0xff);
        return at + 4 + layoutLength;
    }
}
