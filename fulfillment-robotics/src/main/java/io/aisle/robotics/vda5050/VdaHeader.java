package io.aisle.robotics.vda5050;

import java.time.Instant;
import java.util.Objects;

/**
 * The header every VDA 5050 message starts with.
 *
 * @param headerId     increases by one with every message the sender publishes on this topic
 * @param timestamp    when the message was made
 * @param version      protocol version, {@code major.minor.patch} ({@link #VERSION} here)
 * @param manufacturer the robot's manufacturer
 * @param serialNumber the robot's serial number; the dispatcher's robot id
 */
public record VdaHeader(long headerId, Instant timestamp, String version, String manufacturer, String serialNumber) {

    /** The protocol version this implementation speaks. */
    public static final String VERSION = "2.0.0";

    public VdaHeader {
        if (headerId < 0) {
            throw new IllegalArgumentException("headerId must be >= 0 but was " + headerId);
        }
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(serialNumber, "serialNumber");
    }
}
