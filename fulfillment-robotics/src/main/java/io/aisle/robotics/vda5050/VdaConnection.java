package io.aisle.robotics.vda5050;

import java.util.Objects;

/**
 * A robot's {@code connection} message (retained): {@code ONLINE} when it connects, {@code OFFLINE} when it leaves on
 * purpose, and {@code CONNECTIONBROKEN} as its MQTT last will, which the broker publishes when the robot's session
 * ends without a goodbye.
 */
public record VdaConnection(VdaHeader header, ConnectionState connectionState) {

    public VdaConnection {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(connectionState, "connectionState");
    }

    /** The robot's link to the broker. */
    public enum ConnectionState {
        ONLINE,
        OFFLINE,
        CONNECTIONBROKEN
    }
}
