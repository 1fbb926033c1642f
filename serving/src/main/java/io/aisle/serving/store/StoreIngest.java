package io.aisle.serving.store;

import reactor.core.publisher.Mono;

/**
 * Where checked store inputs go: straight to the store's owner thread (embedded) or to the
 * store's Kafka partition. Either way a store's inputs are applied in the order they were accepted.
 */
public interface StoreIngest extends AutoCloseable {

    /**
     * @param body the request body the input was read from (what a Kafka record carries)
     * @return completes once the input is applied (embedded) or durably queued (Kafka)
     */
    Mono<Void> submit(RegisteredStore store, InputKind kind, byte[] body, StoreInput input);

    /** Releases threads and connections; no submit may follow. */
    @Override
    void close();
}
