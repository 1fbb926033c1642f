package io.aisle.simulations.vda5050;

import io.aisle.robotics.vda5050.VdaTransport;
import java.util.List;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One MQTT 3.1.1 client connection (Paho): clean session, reconnecting by itself, subscriptions renewed on every
 * reconnect. Received messages go to one handler, on Paho's delivery thread. As a {@link VdaTransport} it publishes
 * at QoS 0, as VDA 5050 recommends for orders and states.
 */
public final class MqttSession implements VdaTransport, AutoCloseable {

    /** A last will: what the broker publishes (retained, QoS 1) when this session ends without a goodbye. */
    public record Will(String topic, byte[] payload) {
    }

    /** Paho counts QoS 0 messages being written against this window too; a fleet's orders go out in bursts. */
    private static final int MAX_IN_FLIGHT = 1_000;
    private static final int KEEP_ALIVE_SECONDS = 5;

    private final MqttClient client;

    private MqttSession(MqttClient client) {
        this.client = client;
    }

    /**
     * Connects and subscribes (QoS 0) to the filters.
     *
     * @param will      null for none
     * @param onMessage called with each received message's topic and payload
     * @throws MqttSessionException when the broker cannot be reached
     */
    public static MqttSession connect(String brokerUri, String clientId, Will will, List<String> filters,
            BiConsumer<String, byte[]> onMessage) {
        try {
            MqttClient client = new MqttClient(brokerUri, clientId, new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setAutomaticReconnect(true);
            options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
            options.setMaxInflight(MAX_IN_FLIGHT);
            if (will != null) {
                options.setWill(will.topic(), will.payload(), 1, true);
            }
            client.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverUri) {
                    if (reconnect) {
                        subscribe(client, filters);
                    }
                }

                @Override
                public void connectionLost(Throwable cause) {
                    // Paho reconnects by itself; connectComplete subscribes again.
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    onMessage.accept(topic, message.getPayload());
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            client.connect(options);
            subscribe(client, filters);
            return new MqttSession(client);
        } catch (MqttException e) {
            throw new MqttSessionException("cannot connect to " + brokerUri + " as " + clientId + ": " + e.getMessage(), e);
        }
    }

    private static void subscribe(MqttClient client, List<String> filters) {
        if (filters.isEmpty()) {
            return;
        }
        try {
            client.subscribe(filters.toArray(String[]::new), new int[filters.size()]);
        } catch (MqttException e) {
            throw new MqttSessionException("cannot subscribe to " + filters + ": " + e.getMessage(), e);
        }
    }

    /** Publishes at QoS 0; a message that cannot be written now (broker away) is dropped, as QoS 0 allows. */
    @Override
    public void publish(String topic, byte[] payload, boolean retained) {
        publish(topic, payload, 0, retained);
    }

    /**
     * Publishes at a QoS.
     *
     * @return whether the client took the message
     */
    public boolean publish(String topic, byte[] payload, int qos, boolean retained) {
        try {
            client.publish(topic, payload, qos, retained);
            return true;
        } catch (MqttException e) {
            return false;
        }
    }

    /** Ends the connection without a DISCONNECT, as a robot losing power would: the broker publishes the will. */
    public void drop() {
        try {
            client.disconnectForcibly(0, 0, false);
            client.close(true);
        } catch (MqttException e) {
            throw new MqttSessionException("cannot drop the connection: " + e.getMessage(), e);
        }
    }

    /** Disconnects cleanly (no will) and frees the client. */
    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000);
            }
            client.close(true);
        } catch (MqttException e) {
            throw new MqttSessionException("cannot disconnect: " + e.getMessage(), e);
        }
    }

    /** The broker cannot be reached or refused a subscription; a retry later may help. */
    public static final class MqttSessionException extends RuntimeException {

        public MqttSessionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
