package io.aisle.serving.events;

import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** The embedded {@link EventBus}: publishing applies the batch to the subscriber right away. */
public final class InProcessEventBus implements EventBus {

    private volatile Function<List<InteractionEvent>, Mono<Void>> consumer = events -> Mono.empty();

    @Override
    public Mono<Void> publish(List<InteractionEvent> events) {
        return consumer.apply(events);
    }

    @Override
    public void subscribe(Function<List<InteractionEvent>, Mono<Void>> consumer) {
        this.consumer = consumer;
    }
}
