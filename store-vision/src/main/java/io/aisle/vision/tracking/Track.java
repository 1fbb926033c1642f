package io.aisle.vision.tracking;

import io.aisle.vision.frame.AppearanceEmbedding;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotReader;
import io.aisle.vision.snapshot.SnapshotWriter;

/**
 * One shopper hypothesis inside {@link MultiCameraTracker}; mutable, touched only by its tracker.
 */
final class Track {

    /**
     * filter (ConstantVelocityKalman), state (its name), id (present flag, then the string),
     * hits, lastSeenMillis, lastSeenPosition (FloorPoint), appearance (AppearanceEmbedding),
     * appearanceViews, lostAtPosition (present flag, then FloorPoint), lostAtMillis, reacquiredHits.
     */
    static final SnapshotCodec<Track> CODEC = SnapshotCodec.of(Track::write, Track::read);

    enum State {
        /** Born in the entry zone, not yet seen often enough to be a shopper. */
        TENTATIVE,
        /** A shopper seen recently. */
        ACTIVE,
        /** A shopper not seen for a while (occluded, or between cameras); waiting to be re-acquired. */
        LOST
    }

    final ConstantVelocityKalman filter;
    State state = State.TENTATIVE;
    String id;
    int hits = 1;
    long lastSeenMillis;
    FloorPoint lastSeenPosition;
    /** Moving average of the embeddings of confident, unambiguous matches; NONE until the first. */
    AppearanceEmbedding appearance = AppearanceEmbedding.NONE;
    /** How many embeddings went into {@link #appearance}. */
    int appearanceViews;
    /**
     * Where the track was last seen before it was re-acquired, until the re-acquisition is
     * confirmed by {@link TrackerConfig#confirmHits} matches; null otherwise.
     */
    FloorPoint lostAtPosition;
    /** When the track was last seen before it was re-acquired; meaningful while {@link #lostAtPosition} is set. */
    long lostAtMillis;
    /** Matches since the re-acquisition; meaningful while {@link #lostAtPosition} is set. */
    int reacquiredHits;

    private void write(SnapshotWriter out) {
        ConstantVelocityKalman.CODEC.write(filter, out);
        out.writeString(state.name()).writeBoolean(id != null);
        if (id != null) {
            out.writeString(id);
        }
        out.writeInt(hits).writeLong(lastSeenMillis);
        FloorPoint.CODEC.write(lastSeenPosition, out);
        AppearanceEmbedding.CODEC.write(appearance, out);
        out.writeInt(appearanceViews).writeBoolean(lostAtPosition != null);
        if (lostAtPosition != null) {
            FloorPoint.CODEC.write(lostAtPosition, out);
        }
        out.writeLong(lostAtMillis).writeInt(reacquiredHits);
    }

    private static Track read(SnapshotReader in) {
        ConstantVelocityKalman filter = ConstantVelocityKalman.CODEC.read(in);
        State state = State.valueOf(in.readString());
        String id = in.readBoolean() ? in.readString() : null;
        int hits = in.readInt();
        Track track = new Track(filter, in.readLong(), FloorPoint.CODEC.read(in));
        track.state = state;
        track.id = id;
        track.hits = hits;
        track.appearance = AppearanceEmbedding.CODEC.read(in);
        track.appearanceViews = in.readInt();
        track.lostAtPosition = in.readBoolean() ? FloorPoint.CODEC.read(in) : null;
        track.lostAtMillis = in.readLong();
        track.reacquiredHits = in.readInt();
        return track;
    }

    Track(ConstantVelocityKalman filter, long seenMillis, FloorPoint seenAt) {
        this.filter = filter;
        this.lastSeenMillis = seenMillis;
        this.lastSeenPosition = seenAt;
    }
}
