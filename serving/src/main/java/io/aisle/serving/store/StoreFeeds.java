package io.aisle.serving.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The feed of every store this process serves, created on first use. Thread-safe. */
public final class StoreFeeds {

    private final int maxReceiptsPerStore;
    private final ConcurrentMap<StoreKey, StoreFeed> feeds = new ConcurrentHashMap<>();

    public StoreFeeds(int maxReceiptsPerStore) {
        this.maxReceiptsPerStore = maxReceiptsPerStore;
    }

    public StoreFeed feed(StoreKey key) {
        return feeds.computeIfAbsent(key, k -> new StoreFeed(maxReceiptsPerStore));
    }
}
