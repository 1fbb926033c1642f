package io.aisle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a real single-node KRaft Kafka broker (combined broker and controller) in-process, with
 * Kafka's own {@link KafkaClusterTestKit}, for one test class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
 * ...
 * props.put("bootstrap.servers", kafka.bootstrapServers());
 * }</pre>
 * The broker listens on fixed loopback ports chosen at construction, and keeps its log in a
 * private folder, so {@link #stop()} followed by {@link #start()} is a real broker restart:
 * clients reconnect to the same address and find the records written before the outage.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private static final int NODE_ID = 0;

    private final int brokerPort = FreePorts.next();
    private final String clusterId = Uuid.randomUuid().toString();
    private Path baseDirectory;
    private boolean formatted;
    private KafkaClusterTestKit cluster;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        deleteBaseDirectory();
    }

    /** Starts the broker, or does nothing when it already runs. Blocks until it accepts clients. */
    public synchronized void start() {
        if (cluster != null) {
            return;
        }
        try {
            if (baseDirectory == null) {
                baseDirectory = Files.createTempDirectory("aisle-kafka-");
            }
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setClusterId(clusterId)
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(baseDirectory)
                    .setPerServerProperties(Map.of(NODE_ID, Map.of(
                            "listeners", "EXTERNAL://127.0.0.1:" + brokerPort + ",CONTROLLER://localhost:0")))
                    .build();
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                    .setDeleteOnClose(false)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "4")
                    .build();
            if (!formatted) {
                kit.format();
                formatted = true;
            }
            kit.startup();
            kit.waitForReadyBrokers();
            cluster = kit;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-process Kafka broker", e);
        }
    }

    /** Shuts the broker down; its log stays on disk for {@link #start()}. Closes the kit exactly once. */
    public synchronized void stop() {
        if (cluster == null) {
            return;
        }
        KafkaClusterTestKit closing = cluster;
        cluster = null;
        try {
            closing.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the in-process Kafka broker", e);
        }
    }

    public synchronized boolean isRunning() {
        return cluster != null;
    }

    /** {@code host:port} of the broker; the same before and after a restart. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** Client properties with {@code bootstrap.servers} set; callers add serializers and the rest. */
    public Properties clientProperties() {
        Properties properties = new Properties();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    private void deleteBaseDirectory() {
        if (baseDirectory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(baseDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + baseDirectory, e);
        }
    }
}
