package io.aisle.serving.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code aisle.stores.*} settings.
 *
 * @param maxEventSkew inputs whose event time lies further than this from the server clock answer 400
 * @param maxReceiptsPerStore receipts kept per store for {@code receipts?since=} (older ones drop off)
 * @param topic Kafka mode: the store input topic, keyed {@code tenant:store}
 * @param partitions Kafka mode: partitions of the topic when this server creates it (the most workers that share the stores)
 * @param consumerGroup Kafka mode: the consumer group of the store workers
 * @param checkpointEveryRecords Kafka mode: checkpoint and commit after this many records
 * @param checkpointInterval Kafka mode: and at least this often while stores change
 */
@ConfigurationProperties("aisle.stores")
public record StoreProperties(
        @DefaultValue("10m") Duration maxEventSkew,
        @DefaultValue("10000") int maxReceiptsPerStore,
        @DefaultValue("aisle.store-inputs") String topic,
        @DefaultValue("6") int partitions,
        @DefaultValue("aisle.stores") String consumerGroup,
        @DefaultValue("500") int checkpointEveryRecords,
        @DefaultValue("5s") Duration checkpointInterval) {
}
