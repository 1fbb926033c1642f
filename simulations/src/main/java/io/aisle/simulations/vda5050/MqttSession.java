package io.aisle.simulations.vda5050;

import io.aisle.robotics.vda5050.VdaTransport;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One MQTT 3.1.1 client connection (Paho's asynchronous client): clean session, reconnecting by itself,
 * subscriptions renewed on every reconnect. Received messages go to one handler, on Paho's delivery thread. As a
 * {@link VdaTransport} it publishes at QoS 0, as VDA 5050 recommends for orders and states.
 *
 * <p><b>Why nothing here waits on the delivery thread.</b> Paho completes every token, a QoS 0 publish's included,
 * on the connection's single delivery thread, the one that also runs the message handler. Paho's blocking
 * {@code MqttClient.publish} waits for that completion without a limit, so a publish from inside the handler, or
 * from a thread holding a lock the handler is waiting for, never returns (a 24-robot run hung on exactly this: the
 * dispatcher's ticker published with the master control's lock held while the delivery thread waited for that lock).
 * So QoS 0 publishes only hand the message to Paho's sender; subscriptions renewed on reconnect are not awaited; and
 * every wait that remains (connect, the first subscription, QoS 1 publishes, disconnect) is bounded and only made
 * from the caller's thread.
 *
 * <p>Thread-safe.
 */
public final class MqttSession implements VdaTransport, AutoCloseable {

    /** A last will: what the broker publishes (retained, QoS 1) when this session ends without a goodbye. */
    public record Will(String topic, byte[] payload) {
    }

    /**
     * Paho refuses a publish when this many messages are handed to its sender and not yet written (QoS 0) or not yet
     * acknowledged (QoS 1); a fleet's orders go out in bursts, so the window is far above Paho's default of 10.
     */
    private static final int MAX_IN_FLIGHT = 1_000;
    private static final int KEEP_ALIVE_SECONDS = 5;
    /** Longest wait for the broker: connect, subscribe, a QoS 1 acknowledgement, disconnect. */
    private static final long BROKER_TIMEOUT_MILLIS = 5_000;

    private final MqttAsyncClient client;
    private final AtomicLong publishesDropped = new AtomicLong();
    private final AtomicLong handlerFailures = new AtomicLong();

    private MqttSession(MqttAsyncClient client) {
        this.client = client;
    }

    /**
     * Connects and subscribes (QoS 0) to the filters; waits at most {@value #BROKER_TIMEOUT_MILLIS} ms for each.
     *
     * @param will      null for none
     * @param onMessage called with each received message's topic and payload, on Paho's delivery thread; it must
     *                  not wait for anything this session publishes. What it throws is counted
     *                  ({@link #handlerFailures}) and kept from Paho, which would otherwise drop the connection.
     * @throws MqttSessionException when the broker cannot be reached or refuses the subscription
     */
    public static MqttSession connect(String brokerUri, String clientId, Will will, List<String> filters,
            BiConsumer<String, byte[]> onMessage) {
        MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(brokerUri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new MqttSessionException("cannot create a client for " + brokerUri + ": " + e.getMessage(), e);
        }
        MqttSession session = new MqttSession(client);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        options.setMaxInflight(MAX_IN_FLIGHT);
        options.setConnectionTimeout((int) (BROKER_TIMEOUT_MILLIS / 1_000));
        if (will != null) {
            options.setWill(will.topic(), will.payload(), 1, true);
        }
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                if (reconnect && !filters.isEmpty()) {
                    // Runs on the delivery thread: subscribe without waiting for the SUBACK it would complete.
                    try {
                        client.subscribe(filters.toArray(String[]::new), new int[filters.size()]);
                    } catch (MqttException e) {
                        session.handlerFailures.incrementAndGet();
                    }
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                // Paho reconnects by itself; connectComplete subscribes again.
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                try {
                    onMessage.accept(topic, message.getPayload());
                } catch (RuntimeException e) {
                    session.handlerFailures.incrementAndGet();
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        try {
            client.connect(options).waitForCompletion(BROKER_TIMEOUT_MILLIS);
            if (!filters.isEmpty()) {
                client.subscribe(filters.toArray(String[]::new), new int[filters.size()])
                        .waitForCompletion(BROKER_TIMEOUT_MILLIS);
            }
            return session;
        } catch (MqttException e) {
            session.closeQuietly();
            throw new MqttSessionException("cannot connect to " + brokerUri + " as " + clientId + " and subscribe to "
                    + filters + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hands the message to Paho's sender at QoS 0 and returns at once; safe on the delivery thread and with locks
     * held. A message Paho cannot take now (broker away, in-flight window full) is dropped, as QoS 0 allows, and
     * counted in {@link #publishesDropped}.
     */
    @Override
    public void publish(String topic, byte[] payload, boolean retained) {
        try {
            client.publish(topic, payload, 0, retained);
        } catch (MqttException e) {
            publishesDropped.incrementAndGet();
        }
    }

    /**
     * Publishes at QoS 1 and waits at most {@value #BROKER_TIMEOUT_MILLIS} ms for the broker's acknowledgement. Not on
     * the delivery thread: it is the one that would complete the wait.
     *
     * @return whether the broker acknowledged the message in time
     */
    public boolean publishAcknowledged(String topic, byte[] payload, boolean retained) {
        try {
            client.publish(topic, payload, 1, retained).waitForCompletion(BROKER_TIMEOUT_MILLIS);
            return true;
        } catch (MqttException e) {
            publishesDropped.incrementAndGet();
            return false;
        }
    }

    /** Publishes Paho did not take or the broker did not acknowledge in time. */
    public long publishesDropped() {
        return publishesDropped.get();
    }

    /** Received messages whose handler threw, and renewed subscriptions Paho refused. */
    public long handlerFailures() {
        return handlerFailures.get();
    }

    /** Ends the connection without a DISCONNECT, as a robot losing power would: the broker publishes the will. */
    public void drop() {
        try {
            client.disconnectForcibly(0, BROKER_TIMEOUT_MILLIS, false);
        } catch (MqttException e) {
            throw new MqttSessionException("cannot drop the connection: " + e.getMessage(), e);
        } finally {
            closeQuietly();
        }
    }

    /** Disconnects cleanly (no will), waiting at most {@value #BROKER_TIMEOUT_MILLIS} ms, and frees the client. */
    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(BROKER_TIMEOUT_MILLIS / 5).waitForCompletion(BROKER_TIMEOUT_MILLIS);
            }
        } catch (MqttException e) {
            // A broker that does not answer the goodbye: the connection is dropped below all the same.
            try {
                client.disconnectForcibly(0, BROKER_TIMEOUT_MILLIS, false);
            } catch (MqttException ignored) {
                // Already gone.
            }
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            client.close(true);
        } catch (MqttException e) {
            // Closing a client that never connected or is already closed: nothing left to free.
        }
    }

    /** The broker cannot be reached or refused a subscription; a retry later may help. */
    public static final class MqttSessionException extends RuntimeException {

        public MqttSessionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
