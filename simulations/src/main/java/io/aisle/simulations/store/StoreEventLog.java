package io.aisle.simulations.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisle.fusion.layout.LayoutFormatException;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.layout.StoreLayoutFiles;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.observation.StorePoint;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The replayable event log of a store session: a gzip-compressed binary file.
 *
 * <pre>
 * header   "AISLE-STORE-LOG" u16 version(1) | utf scenario | i64 seed | f64 noiseGrams | i64 skewMillis
 *          | i32 n, n bytes of layout JSON
 * records  u8 tag, then
 *          1 reading:      i32 plateIndex, i64 timestampMillis, f64 grams
 *          2 track id:     utf trackId (gives the next track index, from 0)
 *          3 observation:  i32 trackIndex, i64 timestampMillis, f64 x, f64 y, u8 wrists (bit 0 left, bit 1 right),
 *                          then 3 x f64 per present wrist
 *          9 end:          i32 n, n bytes of ground-truth JSON
 * </pre>
 *
 * Records are in arrival order, so a replay feeds the engine exactly what the live run fed it.
 * Doubles are stored exactly, so a replay gives the same receipts.
 */
public final class StoreEventLog {

    private static final String MAGIC = "AISLE-STORE-LOG";
    private static final int VERSION = 1;
    private static final byte READING = 1;
    private static final byte TRACK = 2;
    private static final byte OBSERVATION = 3;
    private static final byte END = 9;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StoreEventLog() {
    }

    /** Opens a log for writing; events go in through the returned sink, the truth through {@link Writer#close(GroundTruth)}. */
    public static Writer create(Path file, StoreLayout layout, String scenario, long seed, double noiseGrams,
                                long skewMillis) throws IOException {
        return new Writer(file, layout, scenario, seed, noiseGrams, skewMillis);
    }

    /** Reads a log's header; the events and the truth are read by {@link Replay#replay(StoreEventSink)}. */
    public static Replay read(Path file) {
        try (DataInputStream in = open(file)) {
            return readHeader(file, in);
        } catch (EOFException e) {
            throw new EventLogFormatException(file + ": truncated header", e);
        } catch (ZipException e) {
            throw new EventLogFormatException(file + ": not a store event log (not gzip)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    private static Replay readHeader(Path file, DataInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC.length()];
        in.readFully(magic);
        if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
            throw new EventLogFormatException(file + ": not a store event log (bad magic)");
        }
        int version = in.readUnsignedShort();
        if (version != VERSION) {
            throw new EventLogFormatException(file + ": unsupported version " + version + " (expected " + VERSION + ")");
        }
        String scenario = in.readUTF();
        long seed = in.readLong();
        double noise = in.readDouble();
        long skew = in.readLong();
        int length = in.readInt();
        if (length <= 0 || length > 64 << 20) {
            throw new EventLogFormatException(file + ": layout length " + length + " out of range");
        }
        byte[] json = new byte[length];
        in.readFully(json);
        StoreLayout layout;
        try {
            layout = StoreLayoutFiles.parse(new String(json, StandardCharsets.UTF_8));
        } catch (LayoutFormatException e) {
            throw new EventLogFormatException(file + ": layout in header: " + e.getMessage(), e);
        }
        return new Replay(file, scenario, seed, noise, skew, layout);
    }

    /** A log opened for replay. */
    public static final class Replay {
        private final Path file;
        private final String scenario;
        private final long seed;
        private final double noiseGrams;
        private final long skewMillis;
        private final StoreLayout layout;
        private GroundTruth truth;

        private Replay(Path file, String scenario, long seed, double noiseGrams, long skewMillis, StoreLayout layout) {
            this.file = file;
            this.scenario = scenario;
            this.seed = seed;
            this.noiseGrams = noiseGrams;
            this.skewMillis = skewMillis;
            this.layout = layout;
        }

        public String scenario() {
            return scenario;
        }

        public long seed() {
            return seed;
        }

        public double noiseGrams() {
            return noiseGrams;
        }

        public long skewMillis() {
            return skewMillis;
        }

        public StoreLayout layout() {
            return layout;
        }

        /** The ground truth; available after {@link #replay(StoreEventSink)}. */
        public GroundTruth truth() {
            if (truth == null) {
                throw new IllegalStateException("truth is read at the end of the log: replay it first");
            }
            return truth;
        }

        /** Streams every event to the sink in recorded order, then reads the ground truth. */
        public void replay(StoreEventSink sink) {
            long record = 0;
            try (DataInputStream in = open(file)) {
                readHeader(file, in);
                List<String> tracks = new ArrayList<>();
                int plates = layout.plates().size();
                while (true) {
                    record++;
                    int tag = in.read();
                    if (tag == -1) {
                        throw new EventLogFormatException(file + ": record " + record + ": log ends without its end record");
                    }
                    switch (tag) {
                        case READING -> {
                            int plate = in.readInt();
                            if (plate < 0 || plate >= plates) {
                                throw new EventLogFormatException(file + ": record " + record + ": plate index "
                                        + plate + " out of range 0.." + (plates - 1));
                            }
                            sink.reading(new ShelfReading(layout.plates().get(plate).id(), in.readLong(), in.readDouble()));
                        }
                        case TRACK -> tracks.add(in.readUTF());
                        case OBSERVATION -> sink.observation(readObservation(in, tracks, record));
                        case END -> {
                            int length = in.readInt();
                            if (length <= 0 || length > 512 << 20) {
                                throw new EventLogFormatException(file + ": record " + record + ": truth length "
                                        + length + " out of range");
                            }
                            byte[] json = new byte[length];
                            in.readFully(json);
                            truth = MAPPER.readValue(json, GroundTruth.class);
                            return;
                        }
                        default -> throw new EventLogFormatException(file + ": record " + record + ": unknown tag " + tag);
                    }
                }
            } catch (EOFException e) {
                throw new EventLogFormatException(file + ": record " + record + ": truncated", e);
            } catch (IllegalArgumentException e) {
                throw new EventLogFormatException(file + ": record " + record + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        private ShopperObservation readObservation(DataInputStream in, List<String> tracks, long record) throws IOException {
            int track = in.readInt();
            if (track < 0 || track >= tracks.size()) {
                throw new EventLogFormatException(file + ": record " + record + ": track index " + track
                        + " not defined (" + tracks.size() + " defined)");
            }
            long t = in.readLong();
            FloorPoint position = new FloorPoint(in.readDouble(), in.readDouble());
            int wrists = in.readUnsignedByte();
            if (wrists > 3) {
                throw new EventLogFormatException(file + ": record " + record + ": wrist flags " + wrists + " must be 0..3");
            }
            Optional<StorePoint> left = (wrists & 1) != 0
                    ? Optional.of(new StorePoint(in.readDouble(), in.readDouble(), in.readDouble())) : Optional.empty();
            Optional<StorePoint> right = (wrists & 2) != 0
                    ? Optional.of(new StorePoint(in.readDouble(), in.readDouble(), in.readDouble())) : Optional.empty();
            return new ShopperObservation(tracks.get(track), t, position, left, right);
        }
    }

    /** Writes a log as the session streams; not thread-safe. */
    public static final class Writer implements StoreEventSink, Closeable {
        private final DataOutputStream out;
        private final Map<String, Integer> plateIndex;
        private final Map<String, Integer> trackIndex = new HashMap<>();
        private boolean closed;

        private Writer(Path file, StoreLayout layout, String scenario, long seed, double noiseGrams, long skewMillis)
                throws IOException {
            this.out = new DataOutputStream(new BufferedOutputStream(
                    new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16));
            this.plateIndex = layout.plateIndexById();
            out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
            out.writeShort(VERSION);
            out.writeUTF(scenario);
            out.writeLong(seed);
            out.writeDouble(noiseGrams);
            out.writeLong(skewMillis);
            byte[] json = StoreLayoutFiles.toJson(layout).getBytes(StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
        }

        @Override
        public void reading(ShelfReading reading) {
            try {
                out.writeByte(READING);
                out.writeInt(plateIndex.get(reading.plateId()));
                out.writeLong(reading.timestampMillis());
                out.writeDouble(reading.grams());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void observation(ShopperObservation o) {
            try {
                Integer track = trackIndex.get(o.trackId());
                if (track == null) {
                    track = trackIndex.size();
                    trackIndex.put(o.trackId(), track);
                    out.writeByte(TRACK);
                    out.writeUTF(o.trackId());
                }
                out.writeByte(OBSERVATION);
                out.writeInt(track);
                out.writeLong(o.timestampMillis());
                out.writeDouble(o.position().xMeters());
                out.writeDouble(o.position().yMeters());
                out.writeByte((o.leftWrist().isPresent() ? 1 : 0) | (o.rightWrist().isPresent() ? 2 : 0));
                writePoint(o.leftWrist());
                writePoint(o.rightWrist());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void writePoint(Optional<StorePoint> point) throws IOException {
            if (point.isPresent()) {
                out.writeDouble(point.get().xMeters());
                out.writeDouble(point.get().yMeters());
                out.writeDouble(point.get().zMeters());
            }
        }

        /** Writes the ground truth and the end record, and closes the file. */
        public void close(GroundTruth truth) throws IOException {
            byte[] json = MAPPER.writeValueAsBytes(truth);
            out.writeByte(END);
            out.writeInt(json.length);
            out.write(json);
            close();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.close();
            }
        }
    }
}
