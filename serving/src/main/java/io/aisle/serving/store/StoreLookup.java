package io.aisle.serving.store;

import io.aisle.serving.security.SignedRequestFilter;
import io.aisle.serving.tenancy.Caller;
import io.aisle.serving.web.ApiProblem;
import java.util.Optional;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Finds the caller's store named in a request path: the one place a store route turns {@code {store}} into a store. */
final class StoreLookup {

    private final StoreRegistry registry;

    StoreLookup(StoreRegistry registry) {
        this.registry = registry;
    }

    /** The caller's store named in the path; 404 for an unknown store or another tenant's. */
    Mono<RegisteredStore> find(ServerRequest request) {
        return find(request, false);
    }

    /**
     * {@link #find(ServerRequest)}, for a route that may need the store's cameras: when {@code needsCameras}, a store
     * loaded without them is looked up on disk again, as they may have been registered through another worker.
     */
    Mono<RegisteredStore> find(ServerRequest request, boolean needsCameras) {
        Caller caller = SignedRequestFilter.caller(request.exchange());
        String store = request.pathVariable("store");
        if (!StoreKey.STORE_ID.matcher(store).matches()) {
            return Mono.error(ApiProblem.notFound("no such store: " + store));
        }
        StoreKey key = new StoreKey(caller.tenant(), store);
        Optional<RegisteredStore> loaded = registry.findLoaded(key);
        boolean current = loaded.isPresent() && (!needsCameras || loaded.get().cameras().isPresent());
        // A store registered through another worker sharing the home is read from disk, off the event loop.
        Mono<Optional<RegisteredStore>> found = current ? Mono.just(loaded)
                : Mono.fromCallable(() -> registry.find(key)).subscribeOn(Schedulers.boundedElastic());
        return found.map(candidate -> candidate.orElseThrow(() -> ApiProblem.notFound("no such store: " + store)));
    }
}
