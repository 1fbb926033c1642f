package io.aisle.serving.store;

import io.aisle.fusion.engine.FusionSettings;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The embedded owner of every store: one thread per store runs its {@link StoreProcessor}, so
 * fusion and recognizer inference never run on the event loop and a store's batches apply one at
 * a time in the order they were accepted. The thread is a plain one, not a Reactor non-blocking
 * worker: inference may wait on the native engine. State lives in memory only (no checkpoints): a
 * restart starts every store afresh. Thread-safe.
 */
public final class EmbeddedStoreIngest implements StoreIngest {

    private record Owner(Scheduler scheduler, StoreProcessor processor) {
    }

    private final FusionSettings settings;
    private final StoreFeeds feeds;
    private final TenantRecognizers recognizers;
    private final ConcurrentMap<StoreKey, Owner> owners = new ConcurrentHashMap<>();

    public EmbeddedStoreIngest(FusionSettings settings, StoreFeeds feeds, TenantRecognizers recognizers) {
        this.settings = settings;
        this.feeds = feeds;
        this.recognizers = recognizers;
    }

    @Override
    public Mono<Void> submit(RegisteredStore store, InputKind kind, byte[] body, StoreInput input) {
        Owner owner = owners.computeIfAbsent(store.key(), key -> new Owner(
                ownerThread("store-" + key.tenant().value() + "-" + key.store()),
                new StoreProcessor(store, settings, feeds.feed(key), recognizers)));
        return Mono.<Void>fromRunnable(() -> owner.processor().apply(store, input)).subscribeOn(owner.scheduler());
    }

    private static Scheduler ownerThread(String name) {
        return Schedulers.fromExecutorService(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        }), name);
    }

    @Override
    public void close() {
        owners.values().forEach(owner -> owner.scheduler().dispose());
        owners.clear();
    }
}
