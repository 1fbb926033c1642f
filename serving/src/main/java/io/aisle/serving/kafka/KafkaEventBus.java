package io.aisle.serving.kafka;

import io.aisle.serving.eventlog.InteractionEventJson;
import io.aisle.serving.events.EventBus;
import io.aisle.serving.events.InteractionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The event bus on Kafka: topic {@value #TOPIC}, records keyed {@code tenant:user} (one user's
 * events stay in order on one partition), written by an idempotent producer with
 * {@code acks=all}. One consumer thread per server, in consumer group {@value #GROUP}, applies
 * the records and commits their offsets only after the subscriber succeeded; a failed batch is
 * read again from its first offset (at least once; applying a purchase twice is harmless).
 */
public final class KafkaEventBus implements EventBus, SmartLifecycle {

    public static final String TOPIC = "aisle.interactions";
    public static final String GROUP = "aisle-interaction-appliers";
    /** Started just before the default phase, so that consumers of the topic find it created. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1;
    private static final Logger log = LoggerFactory.getLogger(KafkaEventBus.class);

    private final String bootstrap;
    private final int partitions;
    private final KafkaProducer<String, String> producer;
    private volatile Function<List<InteractionEvent>, Mono<Void>> subscriber;
    private final ConsumerThread thread = new ConsumerThread("aisle-kafka-interactions");

    public KafkaEventBus(String bootstrap, int partitions) {
        this.bootstrap = bootstrap;
        this.partitions = partitions;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
    }

    @Override
    public Mono<Void> publish(List<InteractionEvent> events) {
        // send() may block while it fetches metadata, so it never runs on an event loop.
        return Mono.<Void>create(sink -> {
            AtomicInteger pending = new AtomicInteger(events.size());
            for (InteractionEvent event : events) {
                producer.send(new ProducerRecord<>(TOPIC, event.partitionKey(), InteractionEventJson.encode(event)),
                        (metadata, failure) -> {
                            if (failure != null) {
                                sink.error(failure);
                            } else if (pending.decrementAndGet() == 0) {
                                sink.success();
                            }
                        });
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public void subscribe(Function<List<InteractionEvent>, Mono<Void>> consumer) {
        this.subscriber = consumer;
    }

    @Override
    public synchronized void start() {
        createTopicIfMissing();
        thread.start(this::consumeLoop);
    }

    private void createTopicIfMissing() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + TOPIC, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void consumeLoop() {
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(ConsumerThread.consumerProperties(bootstrap, GROUP))) {
            thread.owns(kafka);
            kafka.subscribe(List.of(TOPIC));
            while (thread.running()) {
                ConsumerRecords<String, String> records = kafka.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    applyOrRewind(kafka, records);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll up
        } catch (RuntimeException e) {
            log.error("the interaction consumer stopped", e);
        } finally {
            thread.owns(null);
        }
    }

    private void applyOrRewind(KafkaConsumer<String, String> kafka, ConsumerRecords<String, String> records) {
        List<InteractionEvent> events = new ArrayList<>(records.count());
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            first.putIfAbsent(partition, record.offset());
            next.put(partition, new OffsetAndMetadata(record.offset() + 1));
            try {
                events.add(InteractionEventJson.decode(record.value()));
            } catch (RuntimeException e) {
                log.error("skipping a record no producer of ours wrote at {}@{}", partition, record.offset(), e);
            }
        }
        try {
            subscriber.apply(events).block(Duration.ofSeconds(30));
            kafka.commitSync(next);
        } catch (RuntimeException e) {
            log.warn("applying {} events failed; reading them again", events.size(), e);
            first.forEach(kafka::seek);
            ConsumerThread.pauseBeforeRetry();
        }
    }

    @Override
    public synchronized void stop() {
        thread.stop();
        producer.close(Duration.ofSeconds(5));
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public boolean isRunning() {
        return thread.running();
    }
}
