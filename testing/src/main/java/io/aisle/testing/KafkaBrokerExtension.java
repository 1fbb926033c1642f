package io.aisle.testing;

import java.util.Map;
import java.util.Properties;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a real single-node KRaft Kafka cluster in-process, with Kafka's own
 * {@link KafkaClusterTestKit} (one combined broker and controller), for one test class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
 * ...
 * props.put("bootstrap.servers", kafka.bootstrapServers());
 * }</pre>
 * {@link #stopBroker()} and {@link #startBroker()} simulate a broker outage: the broker goes
 * away and comes back on the same address with its log intact, so clients reconnect by
 * themselves. The kit is closed exactly once, after the class.
 *
 * <p>The broker listens on loopback. The kit itself pre-binds the controller's quorum port on
 * the wildcard address, which no configuration reaches; nothing but the broker talks to it.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private KafkaClusterTestKit cluster;
    private String bootstrapServers;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        cluster = SingleNodeKafka.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        bootstrapServers = cluster.bootstrapServers();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null) {
            KafkaClusterTestKit closing = cluster;
            cluster = null;
            closing.close();
        }
    }

    /** Shuts the broker down; the controller and the on-disk log stay. */
    public synchronized void stopBroker() {
        broker().shutdown();
        broker().awaitShutdown();
    }

    /** Starts the broker again on the same address and waits until it serves clients. */
    public synchronized void startBroker() {
        broker().startup();
        try {
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("the restarted Kafka broker did not become ready", e);
        }
    }

    /** {@code host:port} of the broker; the same before and after a restart. */
    public synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("the Kafka cluster is not running");
        }
        return bootstrapServers;
    }

    /** Client properties with {@code bootstrap.servers} set; callers add serializers and the rest. */
    public Properties clientProperties() {
        Properties properties = new Properties();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    private BrokerServer broker() {
        if (cluster == null) {
            throw new IllegalStateException("the Kafka cluster is not running");
        }
        Map<Integer, BrokerServer> brokers = cluster.brokers();
        return brokers.values().iterator().next();
    }
}
