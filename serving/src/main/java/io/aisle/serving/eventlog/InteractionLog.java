package io.aisle.serving.eventlog;

import io.aisle.serving.events.InteractionEvent;
import java.util.List;
import reactor.core.publisher.Mono;

/** Appends accepted events to the log. */
public interface InteractionLog {

    /** Completes once every event of the batch is on disk; fails having written none of them. */
    Mono<Void> append(List<InteractionEvent> events);
}
