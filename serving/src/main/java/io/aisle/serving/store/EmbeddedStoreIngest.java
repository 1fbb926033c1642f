package io.aisle.serving.store;

import io.aisle.fusion.engine.FusionSettings;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The embedded owner of every store: one single-thread scheduler per store runs its
 * {@link StoreProcessor}, so fusion never runs on the event loop and a store's batches apply one
 * at a time in the order they were accepted. State lives in memory only (no checkpoints): a
 * restart starts every store afresh. Thread-safe.
 */
public final class EmbeddedStoreIngest implements StoreIngest {

    private record Owner(Scheduler scheduler, StoreProcessor processor) {
    }

    private final FusionSettings settings;
    private final StoreFeeds feeds;
    private final ConcurrentMap<StoreKey, Owner> owners = new ConcurrentHashMap<>();

    public EmbeddedStoreIngest(FusionSettings settings, StoreFeeds feeds) {
        this.settings = settings;
        this.feeds = feeds;
    }

    @Override
    public Mono<Void> submit(RegisteredStore store, InputKind kind, byte[] body, StoreInput input) {
        Owner owner = owners.computeIfAbsent(store.key(), key -> new Owner(
                Schedulers.newSingle("store-" + key.tenant().value() + "-" + key.store(), true),
                new StoreProcessor(store, settings, feeds.feed(key))));
        return Mono.<Void>fromRunnable(() -> owner.processor().apply(store, input)).subscribeOn(owner.scheduler());
    }

    @Override
    public void close() {
        owners.values().forEach(owner -> owner.scheduler().dispose());
        owners.clear();
    }
}
