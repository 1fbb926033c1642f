package io.aisle.serving.store;

import io.aisle.fusion.layout.LayoutFormatException;
import io.aisle.serving.security.SignedRequestFilter;
import io.aisle.serving.tenancy.Caller;
import io.aisle.serving.web.ApiProblem;
import io.aisle.vision.json.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Registering a tenant's stores (role {@code admin}):
 * <ul>
 *   <li>{@code PUT /v1/admin/stores/{store}/layout}: the store layout JSON of sensor-fusion
 *       (its {@code store} field must equal {@code {store}}). 201 when the store is new, 200 when
 *       the same layout was registered before; 400 naming the field of a malformed layout, or
 *       when the store already has a different layout (a changed layout is a new store id).</li>
 *   <li>{@code PUT /v1/admin/stores/{store}/cameras}: the camera calibration file plus
 *       {@code shelfFaces} and optional {@code reachMeters} (see {@link CameraSetup}). 201 / 200
 *       as above; 404 when the store has no layout; 400 naming the field.</li>
 *   <li>{@code GET /v1/admin/stores}: {@code {"stores":[{"store","plates","products","cameras"}]}}.</li>
 * </ul>
 */
public final class StoreAdminHandler {

    private final StoreRegistry registry;

    public StoreAdminHandler(StoreRegistry registry) {
        this.registry = registry;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .PUT("/v1/admin/stores/{store}/layout", this::putLayout)
                .PUT("/v1/admin/stores/{store}/cameras", this::putCameras)
                .GET("/v1/admin/stores", this::list)
                .build();
    }

    private Mono<ServerResponse> putLayout(ServerRequest request) {
        StoreKey key = key(request);
        return body(request).publishOn(Schedulers.boundedElastic()).flatMap(body -> {
            StoreRegistry.Outcome outcome;
            try {
                outcome = registry.registerLayout(key, new String(body, StandardCharsets.UTF_8));
            } catch (LayoutFormatException | IllegalArgumentException e) {
                throw ApiProblem.invalid(e.getMessage());
            }
            return answer(outcome, summary(registry.find(key).orElseThrow()));
        });
    }

    private Mono<ServerResponse> putCameras(ServerRequest request) {
        StoreKey key = key(request);
        return body(request).publishOn(Schedulers.boundedElastic()).flatMap(body -> {
            StoreRegistry.Outcome outcome;
            try {
                outcome = registry.registerCameras(key, CameraSetup.parse(body));
            } catch (NoSuchElementException e) {
                throw ApiProblem.notFound("no such store: " + key.store() + "; register its layout first");
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid(e.getMessage());
            }
            return answer(outcome, summary(registry.find(key).orElseThrow()));
        });
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        Caller caller = SignedRequestFilter.caller(request.exchange());
        List<Map<String, Object>> stores = registry.list(caller.tenant()).stream().map(StoreAdminHandler::summary).toList();
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("stores", stores));
    }

    private static Mono<byte[]> body(ServerRequest request) {
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]);
    }

    private static Mono<ServerResponse> answer(StoreRegistry.Outcome outcome, Map<String, Object> body) {
        return (outcome == StoreRegistry.Outcome.CREATED ? ServerResponse.status(201) : ServerResponse.ok())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private static Map<String, Object> summary(RegisteredStore store) {
        return Map.of("store", store.key().store(), "plates", store.layout().plates().size(),
                "products", store.layout().products().size(),
                "cameras", store.cameras().map(c -> c.cameras().size()).orElse(0));
    }

    private static StoreKey key(ServerRequest request) {
        Caller caller = SignedRequestFilter.caller(request.exchange());
        String store = request.pathVariable("store");
        if (!StoreKey.STORE_ID.matcher(store).matches()) {
            throw ApiProblem.invalid("store id must match " + StoreKey.STORE_ID + " but was '" + store + "'");
        }
        return new StoreKey(caller.tenant(), store);
    }
}
