package io.aisle.serving.events;

import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Carries interaction events from the edge to whoever applies them. In-process by default,
 * Kafka topic {@code aisle.interactions} (keyed {@code tenant:user}) when configured.
 */
public interface EventBus {

    /** Completes once the bus has durably accepted every event of the batch, or fails for all. */
    Mono<Void> publish(List<InteractionEvent> events);

    /** Registers the one consumer of the bus; with Kafka it runs in a consumer group. */
    void subscribe(Function<List<InteractionEvent>, Mono<Void>> consumer);
}
