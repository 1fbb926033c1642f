package io.aisle.vision.tracking;

import io.aisle.vision.observation.FloorPoint;
import java.io.Serializable;

/** One shopper hypothesis inside {@link MultiCameraTracker}; mutable, touched only by its tracker. */
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

    Track(ConstantVelocityKalman filter, long seenMillis, FloorPoint seenAt) {
        this.filter = filter;
        this.lastSeenMillis = seenMillis;
        this.lastSeenPosition = seenAt;
    }
}
