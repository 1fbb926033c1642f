package io.aisle.serving.config;

import io.aisle.serving.eventlog.EventLogLayout;
import io.aisle.serving.eventlog.FileInteractionLog;
import io.aisle.serving.eventlog.InteractionLog;
import io.aisle.serving.events.EventBus;
import io.aisle.serving.events.EventsHandler;
import io.aisle.serving.events.InMemoryUserHistoryStore;
import io.aisle.serving.events.InProcessEventBus;
import io.aisle.serving.events.InteractionEvent;
import io.aisle.serving.events.UserHistoryStore;
import io.aisle.serving.idempotency.IdempotencyFilter;
import io.aisle.serving.kafka.KafkaEventBus;
import io.aisle.serving.kafka.KafkaInteractionLogSink;
import io.aisle.serving.redis.RedisConnections;
import io.aisle.serving.redis.RedisUserHistoryStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The events pipeline: edge handler → bus → interaction log and user history. Embedded, the bus is the
 * process itself and the server appends to the log before it answers; with Kafka, the topic is the durable
 * record and a sink consumer group writes the log from it.
 */
@Configuration(proxyBeanMethods = false)
public class EventsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EventsConfiguration.class);
    private static final int HISTORY_RETRIES = 3;
    private static final Duration HISTORY_RETRY_BACKOFF = Duration.ofMillis(100);

    private static final String KAFKA_ENABLED = "!'${aisle.kafka-bootstrap:}'.isBlank()";

    @Bean
    EventBus eventBus(AisleProperties properties) {
        return properties.kafkaEnabled() ? new KafkaEventBus(properties.kafkaBootstrap(), 12) : new InProcessEventBus();
    }

    @Bean
    UserHistoryStore userHistoryStore(ObjectProvider<RedisConnections> redis) {
        UserHistoryStore local = new InMemoryUserHistoryStore();
        RedisConnections connections = redis.getIfAvailable();
        return connections == null ? local : new RedisUserHistoryStore(connections, local);
    }

    @Bean
    EventLogLayout eventLogLayout(AisleProperties properties) {
        return new EventLogLayout(properties.registryOrDefault());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!(" + KAFKA_ENABLED + ")")
    FileInteractionLog interactionLog(EventLogLayout layout) {
        // Unique among every process that shares the registry: two replicas never append to one file.
        String writerId = System.currentTimeMillis() + "-" + ProcessHandle.current().pid();
        return new FileInteractionLog(layout, writerId);
    }

    @Bean
    @ConditionalOnExpression(KAFKA_ENABLED)
    KafkaInteractionLogSink interactionLogSink(AisleProperties properties, EventLogLayout layout) {
        return new KafkaInteractionLogSink(properties.kafkaBootstrap(), layout, step -> { });
    }

    @Bean
    RouterFunction<ServerResponse> eventsRouter(EventsHandler handler, EventBus bus, UserHistoryStore histories,
            ObjectProvider<InteractionLog> embeddedLog, IdempotencyFilter idempotentWrites) {
        InteractionLog interactionLog = embeddedLog.getIfAvailable();
        Function<List<InteractionEvent>, Mono<Void>> apply = interactionLog == null
                ? histories::apply
                // The log first: a batch it refused is answered with an error before any history changed.
                : events -> interactionLog.append(events).then(historiesOfLogged(histories, events));
        bus.subscribe(apply);
        return RouterFunctions.route().POST("/v1/events", handler::post).filter(idempotentWrites).build();
    }

    /**
     * Once the log holds a batch, the batch is accepted: answering an error would make the client send it again and
     * the log hold it twice. So a user-history write that fails is tried again a few times and then given up with a
     * warning; the history store's local fallback has applied it already.
     */
    static Mono<Void> historiesOfLogged(UserHistoryStore histories, List<InteractionEvent> events) {
        return histories.apply(events)
                .retryWhen(Retry.backoff(HISTORY_RETRIES, HISTORY_RETRY_BACKOFF))
                .onErrorResume(failure -> {
                    log.warn("{} logged events are not in the shared user histories: {}", events.size(), failure.toString());
                    return Mono.empty();
                });
    }
}
