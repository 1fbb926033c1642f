package io.aisle.serving.config;

import io.aisle.serving.events.EventBus;
import io.aisle.serving.events.EventsHandler;
import io.aisle.serving.events.InMemoryUserHistoryStore;
import io.aisle.serving.events.InProcessEventBus;
import io.aisle.serving.events.UserHistoryStore;
import io.aisle.serving.idempotency.IdempotencyFilter;
import io.aisle.serving.kafka.KafkaEventBus;
import io.aisle.serving.redis.RedisConnections;
import io.aisle.serving.redis.RedisUserHistoryStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The events pipeline: edge handler → bus → user history. Embedded adapters unless Kafka or Redis replace them. */
@Configuration(proxyBeanMethods = false)
public class EventsConfiguration {

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
    RouterFunction<ServerResponse> eventsRouter(EventsHandler handler, EventBus bus, UserHistoryStore histories,
            IdempotencyFilter idempotentWrites) {
        bus.subscribe(histories::apply);
        return RouterFunctions.route().POST("/v1/events", handler::post).filter(idempotentWrites).build();
    }
}
