package io.aisle.vision.tracking;

import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.List;

/**
 * Everything of a {@link MultiCameraTracker} that changes; its {@link #CODEC} is the body of a
 * {@code camera-tracker} snapshot: lastTickMillis, nextId, tracks (list of Track).
 */
record TrackerState(long lastTickMillis, int nextId, List<Track> tracks) {

    static final String KIND = "camera-tracker";
    /** Format version of the body; bump it with every layout change and document both in SNAPSHOT_FORMAT.md. */
    static final int VERSION = 1;

    static final SnapshotCodec<TrackerState> CODEC = SnapshotCodec.of(
            (s, out) -> out.writeLong(s.lastTickMillis).writeInt(s.nextId).writeList(s.tracks, Track.CODEC),
            in -> new TrackerState(in.readLong(), in.readInt(), in.readList(Track.CODEC)));
}
