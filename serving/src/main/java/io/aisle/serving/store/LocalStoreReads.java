package io.aisle.serving.store;

import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads from this process's feeds: right wherever this process owns every store it is asked
 * about (embedded mode, or Kafka mode with a single worker).
 */
public final class LocalStoreReads implements StoreReads {

    private final StoreFeeds feeds;

    public LocalStoreReads(StoreFeeds feeds) {
        this.feeds = feeds;
    }

    @Override
    public Mono<Optional<CartView>> findCart(StoreKey store, String shopper) {
        return Mono.fromSupplier(() -> feeds.feed(store).findCart(shopper));
    }

    @Override
    public Mono<List<ReceiptView>> receiptsAfter(StoreKey store, long afterSeq, int limit) {
        return Mono.fromSupplier(() -> feeds.feed(store).receiptsAfter(afterSeq, limit));
    }

    @Override
    public Mono<Optional<ReceiptView>> findReceipt(StoreKey store, long seq) {
        return Mono.fromSupplier(() -> feeds.feed(store).findReceipt(seq));
    }

    @Override
    public Mono<List<ReceiptView>> openReviews(StoreKey store) {
        return Mono.fromSupplier(() -> feeds.feed(store).openReviews());
    }

    @Override
    public Mono<Optional<ReceiptView>> findOpenReview(StoreKey store, long seq) {
        return Mono.fromSupplier(() -> feeds.feed(store).findOpenReview(seq));
    }

    @Override
    public Mono<Optional<Long>> findAdjustment(StoreKey store, long seq) {
        return Mono.fromSupplier(() -> feeds.feed(store).findAdjustment(seq));
    }

    @Override
    public Flux<StoreEvent> events(StoreKey store) {
        return feeds.feed(store).events();
    }
}
