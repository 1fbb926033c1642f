package io.aisle.serving.store;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of store input; the wire name is the Kafka header value and, for the sensor inputs, the
 * endpoint's last path segment. Review resolutions and disputes are store inputs too: they go
 * through the same ordered stream as the readings, so every owner of the store, including one that
 * replays the stream after a takeover, applies them at the same place among the readings.
 */
public enum InputKind {
    SHELF_READINGS("shelf-readings"),
    SHOPPER_OBSERVATIONS("shopper-observations"),
    CAMERA_FRAMES("camera-frames"),
    /** {@code POST /v1/stores/{store}/entries}: the gates' app scans. */
    ENTRIES("entries"),
    /** {@code POST /v1/stores/{store}/reviews/{id}}. */
    REVIEW_RESOLUTION("review-resolution"),
    /** {@code POST /v1/stores/{store}/receipts/{id}/disputes}. */
    RECEIPT_DISPUTE("receipt-dispute");

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
