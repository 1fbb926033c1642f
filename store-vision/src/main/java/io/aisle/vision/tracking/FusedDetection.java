package io.aisle.vision.tracking;

import io.aisle.vision.observation.FloorPoint;
import java.util.List;

/**
 * One person as all cameras saw them at one instant: the confidence-weighted mean of the member
 * detections' floor positions, and the best member confidence.
 */
record FusedDetection(FloorPoint position, double confidence, List<FloorDetection> members) {

    FusedDetection {
        members = List.copyOf(members);
    }
}
