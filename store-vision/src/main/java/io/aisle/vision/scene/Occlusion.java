package io.aisle.vision.scene;

import java.util.Optional;

/**
 * A shopper hidden from one camera (or from all when {@code cameraId} is empty) during a time
 * window: fully (no detection at all) or partly (a detection with low confidence).
 */
public record Occlusion(String shopperId, Optional<String> cameraId, long fromMillis, long toMillis, boolean partial) {

    public boolean hides(String shopper, String camera, long millis) {
        return shopperId.equals(shopper) && cameraId.map(camera::equals).orElse(true)
                && millis >= fromMillis && millis < toMillis;
    }
}
