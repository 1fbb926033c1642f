package io.aisle.serving.store;

import java.util.Arrays;
import java.util.Optional;

/** The three kinds of store input; the wire name is the endpoint's last path segment and the Kafka header value. */
public enum InputKind {
    SHELF_READINGS("shelf-readings"),
    SHOPPER_OBSERVATIONS("shopper-observations"),
    CAMERA_FRAMES("camera-frames");

    private final String wireName;

    InputKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<InputKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
