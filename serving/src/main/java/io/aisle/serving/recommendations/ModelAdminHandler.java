package io.aisle.serving.recommendations;

import io.aisle.recommender.registry.Manifest;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.recommender.registry.ModelRegistryException;
import io.aisle.serving.experiments.AttributionLedger;
import io.aisle.serving.experiments.ExperimentReport;
import io.aisle.serving.security.SignedRequestFilter;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.web.ApiProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Model administration of the caller's tenant (role {@code admin}); {@code MODEL} is
 * {@code also-bought}, {@code for-you}, {@code ranker} or {@code product-recognizer} (the stores'
 * vision model: approving a version moves every store of the tenant onto it, carts kept):
 * <ul>
 *   <li>{@code GET /v1/admin/models/MODEL}: versions, their manifests (training counts, parameters and the
 *       evaluation report, every method and metric), the approved one and the variant plan;</li>
 *   <li>{@code POST /v1/admin/models/MODEL/approve} {@code {"version":"v000003"}}: approves and
 *       hot-swaps it in; answers once the new version serves;</li>
 *   <li>{@code PUT /v1/admin/models/MODEL/variants}
 *       {@code {"arms":[{"variant":"a","version":"v1","weight":90},{"variant":"b","version":"v2","weight":10}],
 *       "shadow":{"variant":"s","version":"v3"}}}: weighted A/B split, sticky per user;</li>
 *   <li>{@code DELETE /v1/admin/models/MODEL/variants}: back to the approved version alone;</li>
 *   <li>{@code GET /v1/admin/models/MODEL/experiment}: the outcomes of the current arms (the plan's, else the
 *       approved version as {@code approved}) since this replica started: impressions, clicks, carts and purchases
 *       attributed within the window, their rates, and each arm after the first against the first, with the 95%
 *       interval of the difference and the impressions still needed (see {@link ExperimentReport}).</li>
 * </ul>
 * A version the tenant does not have answers 404, whoever else has it.
 */
public final class ModelAdminHandler {

    private static final Set<String> MODELS = Set.of("also-bought", "for-you", "ranker", "product-recognizer");

    private final ModelRegistry registry;
    private final VariantPlans plans;
    private final ModelReloader reloader;
    private final AttributionLedger ledger;

    public ModelAdminHandler(ModelRegistry registry, VariantPlans plans, ModelReloader reloader, AttributionLedger ledger) {
        this.registry = registry;
        this.plans = plans;
        this.reloader = reloader;
        this.ledger = ledger;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/v1/admin/models/{model}", this::show)
                .POST("/v1/admin/models/{model}/approve", this::approve)
                .PUT("/v1/admin/models/{model}/variants", this::setVariants)
                .DELETE("/v1/admin/models/{model}/variants", this::clearVariants)
                .GET("/v1/admin/models/{model}/experiment", this::experiment)
                .build();
    }

    private Mono<ServerResponse> show(ServerRequest request) {
        TenantId tenant = SignedRequestFilter.caller(request.exchange()).tenant();
        String model = model(request);
        return blocking(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("model", model);
            List<String> versions = registry.versions(tenant.value(), model);
            body.put("versions", versions);
            body.put("manifests", manifests(tenant, model, versions));
            body.put("approved", registry.findApproved(tenant.value(), model).orElse(null));
            body.put("variants", plans.find(tenant, model).orElse(null));
            return body;
        }).flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body));
    }

    /** The manifest of each version, oldest first; a version whose manifest is refused is listed without one. */
    private List<Manifest> manifests(TenantId tenant, String model, List<String> versions) {
        List<Manifest> manifests = new ArrayList<>();
        for (String version : versions) {
            try {
                manifests.add(registry.readManifest(tenant.value(), model, version));
            } catch (ModelRegistryException e) {
                // One corrupt version must not hide the others from the operator who has to roll back.
            }
        }
        return manifests;
    }

    private Mono<ServerResponse> approve(ServerRequest request) {
        TenantId tenant = SignedRequestFilter.caller(request.exchange()).tenant();
        String model = model(request);
        return request.bodyToMono(Approval.class)
                .switchIfEmpty(Mono.error(ApiProblem.invalid("the body must be {\"version\":\"...\"}")))
                .flatMap(approval -> blocking(() -> {
                    requireVersion(tenant, model, approval.version());
                    registry.approve(tenant.value(), model, approval.version());
                    reloader.reloadNow();
                    return Map.of("model", model, "approved", approval.version());
                }))
                .flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body));
    }

    private Mono<ServerResponse> setVariants(ServerRequest request) {
        TenantId tenant = SignedRequestFilter.caller(request.exchange()).tenant();
        String model = model(request);
        return request.bodyToMono(PlanBody.class)
                .switchIfEmpty(Mono.error(ApiProblem.invalid("the body must be {\"arms\":[...]}")))
                .flatMap(body -> blocking(() -> {
                    VariantPlan plan = body.toPlan();
                    plan.arms().forEach(arm -> requireVersion(tenant, model, arm.version()));
                    plan.shadow().ifPresent(arm -> requireVersion(tenant, model, arm.version()));
                    plans.put(tenant, model, plan);
                    reloader.reloadNow();
                    return plan;
                }))
                .flatMap(plan -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(plan));
    }

    private Mono<ServerResponse> clearVariants(ServerRequest request) {
        TenantId tenant = SignedRequestFilter.caller(request.exchange()).tenant();
        String model = model(request);
        return blocking(() -> {
            plans.clear(tenant, model);
            reloader.reloadNow();
            return true;
        }).then(ServerResponse.noContent().build());
    }

    private Mono<ServerResponse> experiment(ServerRequest request) {
        TenantId tenant = SignedRequestFilter.caller(request.exchange()).tenant();
        String model = model(request);
        return blocking(() -> {
            List<ExperimentReport.ArmVersion> arms = plans.find(tenant, model)
                    .map(plan -> plan.arms().stream().map(arm -> new ExperimentReport.ArmVersion(arm.variant(), arm.version())).toList())
                    .orElseGet(() -> registry.findApproved(tenant.value(), model)
                            .map(version -> List.of(new ExperimentReport.ArmVersion(ModelDeployments.APPROVED, version)))
                            .orElse(List.of()));
            return ExperimentReport.of(ledger, tenant, model, arms);
        }).flatMap(report -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(report));
    }

    private void requireVersion(TenantId tenant, String model, String version) {
        if (version == null || !registry.versions(tenant.value(), model).contains(version)) {
            throw ApiProblem.notFound("no " + model + " version " + version);
        }
    }

    /** The recommendation model named in the path; 404 for any other name. */
    public static String model(ServerRequest request) {
        String model = request.pathVariable("model");
        if (!MODELS.contains(model)) {
            throw ApiProblem.notFound("no such model: " + model);
        }
        return model;
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    /** The approve body. */
    public record Approval(String version) {
    }

    /** The variants body; validated into a {@link VariantPlan}. */
    public record PlanBody(List<VariantPlan.Arm> arms, VariantPlan.Arm shadow) {

        VariantPlan toPlan() {
            if (arms == null) {
                throw ApiProblem.invalid("arms must be a non-empty array");
            }
            try {
                return new VariantPlan(arms, Optional.ofNullable(shadow));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw ApiProblem.invalid("invalid variant plan: " + e.getMessage());
            }
        }
    }
}
