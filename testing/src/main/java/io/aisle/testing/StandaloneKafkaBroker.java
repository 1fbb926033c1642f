package io.aisle.testing;

import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * The test broker of {@link KafkaBrokerExtension} in a JVM of its own, for beds that run every component as a
 * separate process: {@code java -cp aisle-testing.jar:lib/* io.aisle.testing.StandaloneKafkaBroker}. Prints
 * {@code kafka ready on HOST:PORT} (the port the kit picked) once it serves clients, then runs until SIGTERM, when it closes the kit (its
 * log folder goes with it).
 */
public final class StandaloneKafkaBroker {

    /** The line the parent waits for; followed by the bootstrap address. */
    public static final String READY = "kafka ready on ";

    private StandaloneKafkaBroker() {
    }

    public static void main(String[] args) throws Exception {
        KafkaClusterTestKit cluster = SingleNodeKafka.build();
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.close();
            } catch (Exception e) {
                System.err.println("closing the Kafka kit failed: " + e);
            } finally {
                closed.countDown();
            }
        }, "close-kafka"));
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        System.out.println(READY + cluster.bootstrapServers());
        System.out.flush();
        closed.await();
    }
}
