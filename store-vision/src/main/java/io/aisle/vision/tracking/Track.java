package io.aisle.vision.tracking;

import io.aisle.vision.frame.AppearanceEmbedding;
import io.aisle.vision.observation.FloorPoint;
import java.io.Serializable;

/**
 * One shopper hypothesis inside {@link MultiCameraTracker}; mutable, touched only by its tracker.
 * Serialized in tracker snapshots: fields added later read as their defaults from older snapshots
 * (the tracker fills those in after a restore).
 */
final class Track implements Serializable {

    private static final long serialVersionUID = 1L;

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

    Track(ConstantVelocityKalman filter, long seenMillis, FloorPoint seenAt) {
        this.filter = filter;
        this.lastSeenMillis = seenMillis;
        this.lastSeenPosition = seenAt;
    }
}
