package io.aisle.vision.ingest;

import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotEnvelope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gathers frames of unsynchronised cameras into ticks of {@code tickMillis}: a frame belongs to
 * the tick {@code floor(timestamp / tickMillis)}. A tick is released when every camera has sent
 * its frame, or once a frame at least {@code maxLatenessMillis} past the tick's end has arrived;
 * ticks are released in time order. A frame for a tick already released is late and dropped; a
 * second frame of one camera in one tick is dropped too.
 *
 * <p>Not thread-safe: owned by the store's ingest. {@link #snapshot()} keeps the frames still
 * waiting for their tick, so a restored assembler releases the same ticks.
 */
public final class TickAssembler {

    /** Frames of one tick, stamped with the tick's start. */
    public record Tick(long timestampMillis, List<CameraFrame> frames) {

        public Tick {
            frames = List.copyOf(frames);
        }
    }

    /** Everything of an assembler that changes, and the tick length it depends on. */
    record State(long tickMillis, Map<Long, Map<String, CameraFrame>> pending, long lastReleased,
                 long newestMillis, long lateFrames, long duplicateFrames) {
    }

    static final String KIND = "tick-assembler";
    /** Format version of the body; bump it with every layout change and document both in SNAPSHOT_FORMAT.md. */
    static final int VERSION = 1;

    /**
     * tickMillis, lastReleased, newestMillis, lateFrames, duplicateFrames, then the pending ticks
     * oldest first: a count, and per tick its number (long) and its frames (list of CameraFrame,
     * cameras sorted).
     */
    static final SnapshotCodec<State> CODEC = SnapshotCodec.of((state, out) -> {
        out.writeLong(state.tickMillis()).writeLong(state.lastReleased()).writeLong(state.newestMillis())
                .writeLong(state.lateFrames()).writeLong(state.duplicateFrames()).writeInt(state.pending().size());
        new TreeMap<>(state.pending()).forEach((tick, frames) -> out.writeLong(tick)
                .writeList(new TreeMap<>(frames).values(), CameraFrame.CODEC));
    }, in -> {
        long tickMillis = in.readLong();
        long lastReleased = in.readLong();
        long newestMillis = in.readLong();
        long lateFrames = in.readLong();
        long duplicateFrames = in.readLong();
        int ticks = in.readInt();
        if (ticks < 0) {
            throw in.corrupt("the assembler has " + ticks + " pending ticks");
        }
        TreeMap<Long, Map<String, CameraFrame>> pending = new TreeMap<>();
        for (int i = 0; i < ticks; i++) {
            long tick = in.readLong();
            Map<String, CameraFrame> frames = new HashMap<>();
            for (CameraFrame frame : in.readList(CameraFrame.CODEC)) {
                frames.put(frame.cameraId(), frame);
            }
            pending.put(tick, frames);
        }
        return new State(tickMillis, pending, lastReleased, newestMillis, lateFrames, duplicateFrames);
    });

    private final Set<String> cameraIds;
    private final long tickMillis;
    private final long maxLatenessMillis;
    private final TreeMap<Long, Map<String, CameraFrame>> pending = new TreeMap<>();
    private long lastReleased = Long.MIN_VALUE;
    private long newestMillis = Long.MIN_VALUE;
    private long lateFrames;
    private long duplicateFrames;

    public TickAssembler(Set<String> cameraIds, long tickMillis, long maxLatenessMillis) {
        if (cameraIds.isEmpty() || tickMillis < 1 || maxLatenessMillis < 0) {
            throw new IllegalArgumentException("need cameras, tickMillis >= 1 and maxLatenessMillis >= 0 but were "
                    + cameraIds + ", " + tickMillis + ", " + maxLatenessMillis);
        }
        this.cameraIds = Set.copyOf(cameraIds);
        this.tickMillis = tickMillis;
        this.maxLatenessMillis = maxLatenessMillis;
    }

    /**
     * @param frames in any order; every camera must be one of this assembler's
     * @return the ticks now complete, oldest first
     */
    public List<Tick> add(List<CameraFrame> frames) {
        for (CameraFrame frame : frames) {
            if (!cameraIds.contains(frame.cameraId())) {
                throw new IllegalArgumentException("camera " + frame.cameraId() + " is not calibrated");
            }
        }
        for (CameraFrame frame : frames) {
            long tick = frame.timestampMillis() / tickMillis;
            if (tick <= lastReleased) {
                lateFrames++;
                continue;
            }
            if (pending.computeIfAbsent(tick, t -> new HashMap<>()).putIfAbsent(frame.cameraId(), frame) != null) {
                duplicateFrames++;
            }
            newestMillis = Math.max(newestMillis, frame.timestampMillis());
        }
        List<Tick> ready = new ArrayList<>();
        while (!pending.isEmpty()) {
            Map.Entry<Long, Map<String, CameraFrame>> first = pending.firstEntry();
            boolean complete = first.getValue().size() == cameraIds.size();
            boolean expired = newestMillis >= (first.getKey() + 1) * tickMillis + maxLatenessMillis;
            if (!complete && !expired) {
                break;
            }
            ready.add(release(first.getKey()));
        }
        return ready;
    }

    /** Releases every pending tick, complete or not: the stream has ended. */
    public List<Tick> flush() {
        List<Tick> ready = new ArrayList<>();
        while (!pending.isEmpty()) {
            ready.add(release(pending.firstKey()));
        }
        return ready;
    }

    private Tick release(long tick) {
        Map<String, CameraFrame> frames = pending.remove(tick);
        lastReleased = tick;
        List<CameraFrame> ordered = new ArrayList<>(frames.values());
        ordered.sort(java.util.Comparator.comparing(CameraFrame::cameraId));
        return new Tick(tick * tickMillis, ordered);
    }

    /**
     * Pending frames and counters as {@code tick-assembler} snapshot bytes (see
     * {@code sensor-fusion/SNAPSHOT_FORMAT.md}); restore into an assembler of the same cameras and tick length.
     */
    public byte[] snapshot() {
        return SnapshotEnvelope.write(KIND, VERSION, new State(tickMillis, pending, lastReleased, newestMillis,
                lateFrames, duplicateFrames), CODEC);
    }

    /**
     * Replaces this assembler's state with a {@link #snapshot()} of one with the same cameras and
     * tick length, or with a Java-serialized one of an earlier release ({@code aisle-tick-assembler-v1}).
     *
     * @throws IllegalArgumentException when the bytes are not such a snapshot; the state is then unchanged
     */
    public void restore(byte[] snapshot) {
        byte[] current = SnapshotEnvelope.isJavaSerialized(snapshot) ? LegacyCameraSnapshots.convertAssembler(snapshot)
                : snapshot;
        State state = SnapshotEnvelope.read(current, KIND, VERSION, CODEC);
        if (state.tickMillis() != tickMillis) {
            throw new IllegalArgumentException("snapshot of " + state.tickMillis() + " ms ticks does not fit "
                    + tickMillis + " ms ticks");
        }
        for (Map<String, CameraFrame> frames : state.pending().values()) {
            for (String camera : frames.keySet()) {
                if (!cameraIds.contains(camera)) {
                    throw new IllegalArgumentException("snapshot holds a frame of camera " + camera + ", which is not calibrated");
                }
            }
        }
        pending.clear();
        pending.putAll(state.pending());
        lastReleased = state.lastReleased();
        newestMillis = state.newestMillis();
        lateFrames = state.lateFrames();
        duplicateFrames = state.duplicateFrames();
    }

    /** Frames dropped because their tick had been released. */
    public long lateFrames() {
        return lateFrames;
    }

    /** Frames dropped because their camera had already sent one for the tick. */
    public long duplicateFrames() {
        return duplicateFrames;
    }
}
