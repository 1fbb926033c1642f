package io.aisle.vision.frame;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** Everything one camera detected in one frame, stamped with the frame's capture time (epoch ms). */
public record CameraFrame(String cameraId, long timestampMillis, List<PersonDetection> persons) implements Serializable {

    public CameraFrame {
        Objects.requireNonNull(cameraId, "cameraId");
        if (cameraId.isBlank()) {
            throw new IllegalArgumentException("cameraId must not be blank");
        }
        if (timestampMillis < 0) {
            throw new IllegalArgumentException("timestampMillis must be >= 0 but was " + timestampMillis);
        }
        persons = List.copyOf(persons);
    }
}
