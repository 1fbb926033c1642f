package io.aisle.robotics.vda5050;

/**
 * Where the master control publishes its messages: an MQTT client at the edge. Received messages come the other way,
 * through {@link VdaMaster#onMessage}.
 */
public interface VdaTransport {

    /**
     * Publishes one message. May be called from the thread that delivers received messages.
     *
     * @param retained whether the broker keeps it for later subscribers
     */
    void publish(String topic, byte[] payload, boolean retained);
}
