package io.aisle.serving.kafka;

import io.aisle.serving.eventlog.EventLogLayout;
import io.aisle.serving.eventlog.InteractionEventJson;
import io.aisle.serving.eventlog.PartitionSinkWriter;
import io.aisle.serving.events.InteractionEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Writes topic {@value KafkaEventBus#TOPIC} into the interaction log, in consumer group {@value #GROUP}: the
 * partitions are shared among the replicas, and each one's position comes from the log
 * ({@link PartitionSinkWriter#recover()}) when it is assigned, so a sink that dies leaves neither a gap nor a
 * duplicate. The group's committed offsets follow the log, for lag monitoring only. One consumer thread.
 */
public final class KafkaInteractionLogSink implements SmartLifecycle {

    public static final String GROUP = "aisle-interaction-log";
    private static final Logger log = LoggerFactory.getLogger(KafkaInteractionLogSink.class);

    private final String bootstrap;
    private final EventLogLayout layout;
    private final Path sinkFolder;
    private final Consumer<String> afterStep;
    private final Map<TopicPartition, PartitionSinkWriter> writers = new HashMap<>();
    private final ConsumerThread thread = new ConsumerThread("aisle-kafka-interaction-log");

    /** @param afterStep see {@link PartitionSinkWriter}; {@code step -> {}} outside tests */
    public KafkaInteractionLogSink(String bootstrap, EventLogLayout layout, Consumer<String> afterStep) {
        this.bootstrap = bootstrap;
        this.layout = layout;
        this.sinkFolder = layout.registryRoot().resolve(".interaction-log-sink");
        this.afterStep = afterStep;
    }

    @Override
    public void start() {
        thread.start(this::run);
    }

    private void run() {
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(ConsumerThread.consumerProperties(bootstrap, GROUP))) {
            thread.owns(kafka);
            kafka.subscribe(List.of(KafkaEventBus.TOPIC), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(writers::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    for (TopicPartition partition : partitions) {
                        resume(kafka, partition);
                    }
                }
            });
            while (thread.running()) {
                ConsumerRecords<String, String> records = kafka.poll(Duration.ofMillis(200));
                for (TopicPartition partition : records.partitions()) {
                    writeOrResume(kafka, partition, records.records(partition));
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll up
        } catch (RuntimeException e) {
            log.error("the interaction log sink stopped", e);
        } finally {
            thread.owns(null);
        }
    }

    private void resume(KafkaConsumer<String, String> kafka, TopicPartition partition) {
        PartitionSinkWriter writer = new PartitionSinkWriter(layout, sinkFolder, partition.topic(), partition.partition(), afterStep);
        writers.put(partition, writer);
        OptionalLong next = writer.recover();
        if (next.isPresent()) {
            kafka.seek(partition, next.getAsLong());
        } else {
            kafka.seekToBeginning(List.of(partition));
        }
    }

    private void writeOrResume(KafkaConsumer<String, String> kafka, TopicPartition partition,
            List<ConsumerRecord<String, String>> records) {
        List<InteractionEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(InteractionEventJson.decode(record.value()));
            } catch (RuntimeException e) {
                log.error("leaving out a record no producer of ours wrote at {}@{}", partition, record.offset(), e);
            }
        }
        long last = records.get(records.size() - 1).offset();
        try {
            writers.get(partition).write(records.get(0).offset(), last, events);
            kafka.commitSync(Map.of(partition, new OffsetAndMetadata(last + 1)));
        } catch (RuntimeException e) {
            log.warn("writing {} records of {} failed; going on from what the log holds", records.size(), partition, e);
            ConsumerThread.pauseBeforeRetry();
            resume(kafka, partition);
        }
    }

    @Override
    public void stop() {
        thread.stop();
    }

    /** After the bus, which creates the topic this sink subscribes to. */
    @Override
    public int getPhase() {
        return KafkaEventBus.PHASE + 1;
    }

    @Override
    public boolean isRunning() {
        return thread.running();
    }
}
