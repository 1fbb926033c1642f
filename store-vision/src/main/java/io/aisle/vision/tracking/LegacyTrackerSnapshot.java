package io.aisle.vision.tracking;

import io.aisle.vision.frame.AppearanceEmbedding;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.snapshot.JavaSerializedStream;
import io.aisle.vision.snapshot.JavaSerializedStream.BlockData;
import io.aisle.vision.snapshot.JavaSerializedStream.JavaObject;
import io.aisle.vision.snapshot.SnapshotEnvelope;
import io.aisle.vision.snapshot.SnapshotFormatException;
import io.aisle.vision.snapshot.SnapshotReader;
import io.aisle.vision.snapshot.SnapshotWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the Java-serialized tracker snapshots of earlier releases ({@code aisle-tracker-v2}, and
 * {@code aisle-tracker-v1} from before tracks learned appearances: those tracks learn afresh) and
 * rewrites them as a current {@code camera-tracker} snapshot. No class of the stream is loaded.
 */
final class LegacyTrackerSnapshot {

    private static final Set<String> HEADERS = Set.of("aisle-tracker-v1", "aisle-tracker-v2");

    private LegacyTrackerSnapshot() {
    }

    /** @throws SnapshotFormatException when the bytes are not a Java-serialized tracker snapshot of an earlier release */
    static byte[] convert(byte[] javaSerialized) {
        List<Object> contents = JavaSerializedStream.read(javaSerialized);
        if (contents.size() != 2 || !(contents.get(0) instanceof BlockData header) || !HEADERS.contains(header.utf())
                || !(contents.get(1) instanceof JavaObject state)) {
            throw new SnapshotFormatException("Java-serialized bytes are not a tracker snapshot (aisle-tracker-v1 or -v2)");
        }
        try {
            List<Track> tracks = new ArrayList<>();
            for (Object track : state.listField("tracks")) {
                tracks.add(track((JavaObject) track));
            }
            return SnapshotEnvelope.write(TrackerState.KIND, TrackerState.VERSION,
                    new TrackerState(state.longField("lastTickMillis"), state.intField("nextId"), tracks), TrackerState.CODEC);
        } catch (SnapshotFormatException e) {
            throw e;
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new SnapshotFormatException("Java-serialized tracker snapshot does not hold the tracker state of "
                    + header.utf() + ": " + e.getMessage(), e);
        }
    }

    private static Track track(JavaObject t) {
        JavaObject f = t.objectField("filter");
        SnapshotWriter filter = new SnapshotWriter();
        for (String field : List.of("accelerationVariance", "measurementVariance", "x", "y", "vx", "vy", "p00", "p01", "p11")) {
            filter.writeDouble(f.doubleField(field));
        }
        Track track = new Track(ConstantVelocityKalman.CODEC.read(new SnapshotReader(filter.toByteArray(), "tracker filter")),
                t.longField("lastSeenMillis"), floorPoint(t.field("lastSeenPosition")));
        track.state = Track.State.valueOf(JavaSerializedStream.enumConstant(t.field("state")));
        track.id = (String) t.field("id");
        track.hits = t.intField("hits");
        Object appearance = t.fieldOr("appearance", null);
        float[] values = appearance == null ? new float[0] : (float[]) ((JavaObject) appearance).field("values");
        track.appearance = values.length == 0 ? AppearanceEmbedding.NONE : AppearanceEmbedding.of(values);
        track.appearanceViews = (Integer) t.fieldOr("appearanceViews", 0);
        track.lostAtPosition = t.fieldOr("lostAtPosition", null) == null ? null : floorPoint(t.field("lostAtPosition"));
        track.lostAtMillis = (Long) t.fieldOr("lostAtMillis", 0L);
        track.reacquiredHits = (Integer) t.fieldOr("reacquiredHits", 0);
        return track;
    }

    private static FloorPoint floorPoint(Object point) {
        JavaObject p = (JavaObject) point;
        return new FloorPoint(p.doubleField("xMeters"), p.doubleField("yMeters"));
    }
}
