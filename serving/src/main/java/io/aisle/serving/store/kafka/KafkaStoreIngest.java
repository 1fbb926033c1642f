package io.aisle.serving.store.kafka;

import io.aisle.serving.store.InputKind;
import io.aisle.serving.store.RegisteredStore;
import io.aisle.serving.store.StoreIngest;
import io.aisle.serving.store.StoreInput;
import io.aisle.serving.web.ApiProblem;
import io.aisle.serving.web.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes accepted store inputs to the store topic with an idempotent producer ({@code acks=all}),
 * so a retried send is written once and a store's batches stay in order. A request completes when
 * the broker has the record; the partition's owner applies it. Thread-safe.
 */
public final class KafkaStoreIngest implements StoreIngest {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public KafkaStoreIngest(Properties clientProperties, String topic) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, StoreTopic.MAX_RECORD_BYTES);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    @Override
    public Mono<Void> submit(RegisteredStore store, InputKind kind, byte[] body, StoreInput input) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, store.key().wireKey(), body);
        record.headers().add(StoreTopic.KIND_HEADER, kind.wireName().getBytes(StandardCharsets.UTF_8));
        // send() may block for metadata up to max.block.ms: never on the event loop.
        return Mono.<Void>create(sink -> producer.send(record, (metadata, failure) -> {
            if (failure == null) {
                sink.success();
            } else {
                sink.error(new ApiProblem(ProblemType.UNAVAILABLE, "the store input stream is unavailable; retry"));
            }
        })).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public void close() {
        producer.close();
    }
}
