package io.aisle.serving.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The feed of every store this process serves, created on first use, each sending what it
 * announces to one {@link StoreEventPublisher}. Thread-safe.
 */
public final class StoreFeeds {

    private final int maxReceiptsPerStore;
    private final StoreEventPublisher publisher;
    private final ConcurrentMap<StoreKey, StoreFeed> feeds = new ConcurrentHashMap<>();

    /** Feeds seen by this process only. */
    public StoreFeeds(int maxReceiptsPerStore) {
        this(maxReceiptsPerStore, StoreEventPublisher.NONE);
    }

    public StoreFeeds(int maxReceiptsPerStore, StoreEventPublisher publisher) {
        this.maxReceiptsPerStore = maxReceiptsPerStore;
        this.publisher = publisher;
    }

    public StoreFeed feed(StoreKey key) {
        return feeds.computeIfAbsent(key, k -> new StoreFeed(maxReceiptsPerStore, k, publisher));
    }

    /** {@link StoreEventPublisher#flush()}: true once every feed's events have left this process. */
    public boolean flush() {
        return publisher.flush();
    }
}
