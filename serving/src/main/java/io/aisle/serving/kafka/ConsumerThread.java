package io.aisle.serving.kafka;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The one thread that owns a {@link KafkaConsumer} (consumers are not thread-safe): started by a lifecycle,
 * stopped by waking its poll up. The loop reads {@link #running()} and registers its consumer.
 */
final class ConsumerThread {

    private final String name;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    ConsumerThread(String name) {
        this.name = name;
    }

    /** String keys and values, offsets committed by hand, a new group reading from the beginning. */
    static Properties consumerProperties(String bootstrap, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    synchronized void start(Runnable loop) {
        running = true;
        thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    boolean running() {
        return running;
    }

    /** The loop's consumer while it polls, {@code null} once closed, so that {@link #stop()} can wake it. */
    void owns(KafkaConsumer<String, String> polling) {
        consumer = polling;
    }

    synchronized void stop() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A failed batch is read again, but not in a tight loop against a broken disk or subscriber. */
    static void pauseBeforeRetry() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
