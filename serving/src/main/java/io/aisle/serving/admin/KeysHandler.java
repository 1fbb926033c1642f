package io.aisle.serving.admin;

import io.aisle.serving.security.SignedRequestFilter;
import io.aisle.serving.tenancy.ApiKey;
import io.aisle.serving.tenancy.Caller;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantDirectory;
import io.aisle.serving.web.ApiProblem;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The caller's own tenant's keys (role {@code admin}):
 * <ul>
 *   <li>{@code GET /v1/admin/keys}: the keys, never their secrets;</li>
 *   <li>{@code POST /v1/admin/keys} with {@code {"roles":["storefront"],"robot":"r-7"}}: 201 with
 *       {@code keyId} and {@code secret}, shown this once;</li>
 *   <li>{@code DELETE /v1/admin/keys/{keyId}}: 204; 404 for a key of another tenant or none.</li>
 * </ul>
 * The directory writes a file, so these run off the event loop.
 */
@Component
public class KeysHandler {

    private final TenantDirectory directory;

    public KeysHandler(TenantDirectory directory) {
        this.directory = directory;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/v1/admin/keys", this::list)
                .POST("/v1/admin/keys", this::create)
                .DELETE("/v1/admin/keys/{keyId}", this::revoke)
                .build();
    }

    Mono<ServerResponse> list(ServerRequest request) {
        Caller caller = SignedRequestFilter.caller(request.exchange());
        return Mono.fromCallable(() -> directory.keys(caller.tenant()).stream().map(KeysHandler::describe).toList())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(keys -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("keys", keys)));
    }

    Mono<ServerResponse> create(ServerRequest request) {
        Caller caller = SignedRequestFilter.caller(request.exchange());
        return request.bodyToMono(NewKey.class)
                .switchIfEmpty(Mono.error(ApiProblem.invalid("the body must be {\"roles\":[...]}")))
                .map(KeysHandler::validate)
                .publishOn(Schedulers.boundedElastic())
                .map(newKey -> directory.addKey(caller.tenant(), newKey.roles(), newKey.robot()))
                .flatMap(issued -> ServerResponse.status(201).contentType(MediaType.APPLICATION_JSON).bodyValue(created(issued)));
    }

    Mono<ServerResponse> revoke(ServerRequest request) {
        Caller caller = SignedRequestFilter.caller(request.exchange());
        String keyId = request.pathVariable("keyId");
        return Mono.fromCallable(() -> directory.revokeKey(caller.tenant(), keyId))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(revoked -> revoked ? ServerResponse.noContent().build()
                        : Mono.error(ApiProblem.notFound("no such key: " + keyId)));
    }

    private static ValidKey validate(NewKey body) {
        if (body.roles() == null || body.roles().isEmpty()) {
            throw ApiProblem.invalid("roles must name at least one of storefront, store-device, store-operator, robot, wms, admin");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : body.roles()) {
            roles.add(Role.fromWireName(role).orElseThrow(() -> ApiProblem.invalid("unknown role " + role)));
        }
        if (roles.contains(Role.ROBOT) && (body.robot() == null || body.robot().isBlank())) {
            throw ApiProblem.invalid("a robot key needs robot");
        }
        return new ValidKey(roles, Optional.ofNullable(body.robot()));
    }

    private static Map<String, Object> describe(ApiKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("keyId", key.keyId());
        view.put("roles", key.roles().stream().map(Role::wireName).sorted().toList());
        key.robotId().ifPresent(robot -> view.put("robot", robot));
        view.put("createdAt", key.createdAt().toString());
        view.put("revoked", key.revoked());
        return view;
    }

    private static Map<String, Object> created(IssuedKey issued) {
        Map<String, Object> view = describe(issued.key());
        view.put("secret", issued.secret());
        return view;
    }

    /** The request body of a new key. */
    public record NewKey(List<String> roles, String robot) {
    }

    private record ValidKey(Set<Role> roles, Optional<String> robot) {
    }
}
