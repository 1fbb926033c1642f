package io.aisle.vision.tracking;

import io.aisle.vision.calibration.Ray;
import io.aisle.vision.frame.AppearanceEmbedding;
import io.aisle.vision.frame.PersonDetection;
import io.aisle.vision.observation.FloorPoint;
import java.util.Objects;
import java.util.Optional;

/**
 * One camera's detection of a person moved onto the floor: where the feet are, and the rays
 * through the wrists that the camera saw (empty when it did not see that wrist).
 */
record FloorDetection(String cameraId, PersonDetection source, FloorPoint position,
        Optional<Ray> leftWristRay, Optional<Ray> rightWristRay) {

    FloorDetection {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(position, "position");
    }

    double confidence() {
        return source.confidence();
    }

    AppearanceEmbedding appearance() {
        return source.appearance();
    }
}
