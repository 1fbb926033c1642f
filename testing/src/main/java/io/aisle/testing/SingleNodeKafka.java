package io.aisle.testing;

import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * The one KRaft cluster the tests and the scale-out bed run: Kafka's own {@link KafkaClusterTestKit} with one
 * combined broker and controller on loopback, replication factors of 1, no initial rebalance delay and 4
 * partitions per topic. The caller formats, starts and closes (exactly once) the kit it gets.
 */
final class SingleNodeKafka {

    /** The kit numbers the first combined node 0. */
    static final int NODE_ID = 0;

    private SingleNodeKafka() {
    }

    /** The kit, not started; it picks the broker's port, which {@link KafkaClusterTestKit#bootstrapServers()} names. */
    static KafkaClusterTestKit build() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setPerServerProperties(Map.of(NODE_ID, Map.of(
                        // Loopback only: the kit's default listeners bind every interface.
                        "listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://127.0.0.1:0")))
                .build();
        return new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "4")
                .build();
    }
}
