package io.aisle.vision.frame;

import java.util.Locale;
import java.util.Optional;

/** The 17 COCO body keypoints; JSON names them in lower snake case ({@code left_wrist}). */
public enum BodyPart {
    NOSE, LEFT_EYE, RIGHT_EYE, LEFT_EAR, RIGHT_EAR, LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_ELBOW, RIGHT_ELBOW,
    LEFT_WRIST, RIGHT_WRIST, LEFT_HIP, RIGHT_HIP, LEFT_KNEE, RIGHT_KNEE, LEFT_ANKLE, RIGHT_ANKLE;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BodyPart> fromJsonName(String name) {
        for (BodyPart part : values()) {
            if (part.jsonName().equals(name)) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }
}
