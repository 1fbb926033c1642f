package io.aisle.serving.store;

import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The read side of the store endpoints: open carts, receipts by number and the live stream. Never
 * blocks the caller's thread. Thread-safe.
 */
public interface StoreReads {

    Mono<Optional<CartView>> findCart(StoreKey store, String shopper);

    /** Receipts numbered above {@code afterSeq}, oldest first, at most {@code limit}. */
    Mono<List<ReceiptView>> receiptsAfter(StoreKey store, long afterSeq, int limit);

    /** Cart changes and receipts from now on; best effort, as {@link StoreFeed#events()}. */
    Flux<StoreEvent> events(StoreKey store);
}
