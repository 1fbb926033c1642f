package io.aisle.robotics.vda5050;

/**
 * Where the master control publishes its messages: an MQTT client at the edge. Received messages come the other way,
 * through {@link VdaMaster#onMessage}.
 */
public interface VdaTransport {

    /**
     * Publishes one message. Called from the thread that delivers received messages as well as from the dispatcher's
     * ticker, so it must not wait for that delivery thread: an MQTT client hands the message to its sender and
     * returns (Paho completes even a QoS 0 publish on its delivery thread, so a blocking publish made there never
     * returns). Never called with the master control's lock held.
     *
     * @param retained whether the broker keeps it for later subscribers
     */
    void publish(String topic, byte[] payload, boolean retained);
}
