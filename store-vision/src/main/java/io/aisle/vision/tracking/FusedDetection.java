package io.aisle.vision.tracking;

import io.aisle.vision.frame.AppearanceEmbedding;
import io.aisle.vision.observation.FloorPoint;
import java.util.List;
import java.util.Objects;

/**
 * One person as all cameras saw them at one instant: the confidence-weighted mean of the member
 * detections' floor positions, the best member confidence, and the confidence-weighted mean of the
 * members' appearance embeddings ({@link AppearanceEmbedding#NONE} when none sent one).
 */
record FusedDetection(FloorPoint position, double confidence, List<FloorDetection> members, AppearanceEmbedding appearance) {

    FusedDetection {
        members = List.copyOf(members);
        Objects.requireNonNull(appearance, "appearance");
    }
}
