package io.aisle.serving.warehouse;

import io.aisle.serving.security.SignedRequestFilter;
import io.aisle.serving.tenancy.Caller;
import io.aisle.serving.web.ApiProblem;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Registering a tenant's warehouses (role {@code admin}):
 * <ul>
 *   <li>{@code PUT /v1/admin/warehouses/{w}}: a {@link WarehouseSpec} JSON (MovingAI map text, robots with start
 *       cells, optional action model, SKU, pod, station, charger and seed settings). Starts the warehouse's
 *       dispatcher here unless another replica takes it first. 201 {@code {"warehouse","width","height","robots","pods","stations"}} when new, 200 when the
 *       same registration was sent before; 400 naming the field (and map line) of a malformed registration, an
 *       invalid warehouse id, or a warehouse already registered differently.</li>
 *   <li>{@code GET /v1/admin/warehouses}: {@code {"warehouses":[ the same summaries ]}} of the caller's tenant.</li>
 * </ul>
 */
public final class WarehouseAdminHandler {

    private final WarehouseRegistry registry;
    private final WarehouseOwnership ownership;

    public WarehouseAdminHandler(WarehouseRegistry registry, WarehouseOwnership ownership) {
        this.registry = registry;
        this.ownership = ownership;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .PUT("/v1/admin/warehouses/{warehouse}", this::register)
                .GET("/v1/admin/warehouses", this::list)
                .build();
    }

    private Mono<ServerResponse> register(ServerRequest request) {
        WarehouseKey key = key(request);
        // Parsing the map, deriving distances and writing the file are blocking work.
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).publishOn(Schedulers.boundedElastic())
                .flatMap(body -> {
                    WarehouseRegistry.Outcome outcome;
                    try {
                        outcome = ownership.register(key, body);
                    } catch (IllegalArgumentException e) {
                        throw ApiProblem.invalid(e.getMessage());
                    }
                    return (outcome == WarehouseRegistry.Outcome.CREATED ? ServerResponse.status(201) : ServerResponse.ok())
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(summary(registry.find(key).orElseThrow()));
                });
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        Caller caller = SignedRequestFilter.caller(request.exchange());
        List<Map<String, Object>> warehouses = registry.list(caller.tenant()).stream()
                .map(WarehouseAdminHandler::summary).toList();
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("warehouses", warehouses));
    }

    private static Map<String, Object> summary(RegisteredWarehouse warehouse) {
        WarehouseSpec spec = warehouse.spec();
        return Map.of("warehouse", warehouse.key().warehouse(), "width", spec.map().width(),
                "height", spec.map().height(), "robots", spec.robots().size(),
                "pods", warehouse.layout().pods().size(), "stations", warehouse.layout().stations().size());
    }

    private static WarehouseKey key(ServerRequest request) {
        Caller caller = SignedRequestFilter.caller(request.exchange());
        String warehouse = request.pathVariable("warehouse");
        if (!WarehouseKey.WAREHOUSE_ID.matcher(warehouse).matches()) {
            throw ApiProblem.invalid("warehouse id must match " + WarehouseKey.WAREHOUSE_ID + " but was '" + warehouse + "'");
        }
        return new WarehouseKey(caller.tenant(), warehouse);
    }
}
