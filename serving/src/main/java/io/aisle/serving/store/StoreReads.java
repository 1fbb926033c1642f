package io.aisle.serving.store;

import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The read side of the store endpoints: open carts, receipts by number, open reviews, which receipt
 * adjusted which, and the live stream. Never
 * blocks the caller's thread. Thread-safe.
 */
public interface StoreReads {

    Mono<Optional<CartView>> findCart(StoreKey store, String shopper);

    /** Receipts numbered above {@code afterSeq}, oldest first, at most {@code limit}. */
    Mono<List<ReceiptView>> receiptsAfter(StoreKey store, long afterSeq, int limit);

    /** Receipt {@code seq} while it is kept (the latest {@code aisle.stores.max-receipts}). */
    Mono<Optional<ReceiptView>> findReceipt(StoreKey store, long seq);

    /** The flagged receipts whose review is open, oldest first. */
    Mono<List<ReceiptView>> openReviews(StoreKey store);

    /** The flagged receipt {@code seq} while its review is open. */
    Mono<Optional<ReceiptView>> findOpenReview(StoreKey store, long seq);

    /** The number of the adjusted receipt that took the place of receipt {@code seq}, if one did. */
    Mono<Optional<Long>> findAdjustment(StoreKey store, long seq);

    /** Cart changes and receipts from now on; best effort, as {@link StoreFeed#events()}. */
    Flux<StoreEvent> events(StoreKey store);
}
