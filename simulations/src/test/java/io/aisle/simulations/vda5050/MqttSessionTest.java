package io.aisle.simulations.vda5050;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.testing.MosquittoExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

// Each test waits on a broker; a separate thread, so a publish stuck on the delivery thread fails the test.
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MqttSessionTest {

    @RegisterExtension
    static final MosquittoExtension mqtt = new MosquittoExtension();

    @Test
    void publishesFromInsideItsMessageHandlerWithoutWaitingForItself() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        AtomicReference<MqttSession> responder = new AtomicReference<>();
        try (MqttSession listener = MqttSession.connect(mqtt.uri(), "listener", null, List.of("t/answer"),
                (topic, payload) -> answered.countDown());
             MqttSession asked = MqttSession.connect(mqtt.uri(), "responder", null, List.of("t/question"),
                     (topic, payload) -> responder.get().publish("t/answer", payload, false));
             MqttSession asker = MqttSession.connect(mqtt.uri(), "asker", null, List.of(), (topic, payload) -> {
             })) {
            responder.set(asked);
            asker.publish("t/question", bytes("ping"), false);

            assertTrue(answered.await(10, TimeUnit.SECONDS), "the answer published on the delivery thread arrived");
            assertEquals(0, asked.publishesDropped());
        }
    }

    @Test
    void publishesWhileAnotherThreadHoldsTheLockItsHandlerNeeds() throws Exception {
        // The shape of the master control's hang: one thread publishes holding a lock that the handler waits for.
        Object shared = new Object();
        int burst = 200;
        CountDownLatch received = new CountDownLatch(burst);
        try (MqttSession session = MqttSession.connect(mqtt.uri(), "locked", null, List.of("t/echo"),
                (topic, payload) -> {
                    synchronized (shared) {
                        received.countDown();
                    }
                })) {
            synchronized (shared) {
                for (int i = 0; i < burst; i++) {
                    session.publish("t/echo", bytes("m" + i), false);
                }
            }

            assertTrue(received.await(10, TimeUnit.SECONDS), "messages still to arrive: " + received.getCount());
            assertEquals(0, session.publishesDropped());
        }
    }

    @Test
    void keepsTheConnectionWhenItsHandlerThrows() throws Exception {
        CountDownLatch afterFailure = new CountDownLatch(1);
        try (MqttSession session = MqttSession.connect(mqtt.uri(), "throwing", null, List.of("t/bad"),
                (topic, payload) -> {
                    if (new String(payload, StandardCharsets.UTF_8).equals("one")) {
                        throw new IllegalStateException("handler failed");
                    }
                    afterFailure.countDown();
                })) {
            session.publish("t/bad", bytes("one"), false);
            session.publish("t/bad", bytes("two"), false);

            // Paho closes a connection whose handler throws; the second message arrives only if it stayed open.
            assertTrue(afterFailure.await(10, TimeUnit.SECONDS), "the message after the failure arrived");
            assertEquals(1, session.handlerFailures());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
