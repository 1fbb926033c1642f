package io.aisle.serving.recommendations;

import io.aisle.recommender.alsobought.AlsoBoughtScorer;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.serving.experiments.AttributionLedger;
import io.aisle.serving.security.SignedRequestFilter;
import io.aisle.serving.tenancy.Caller;
import io.aisle.serving.web.ApiProblem;
import io.aisle.serving.web.ProblemType;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * "Customers also bought" (role {@code storefront}):
 * <ul>
 *   <li>{@code GET /v1/recommendations/also-bought?item=ID[&k=10][&user=ID]}</li>
 *   <li>{@code POST /v1/recommendations/also-bought} with {@code {"basket":["a","b"],"k":10,"user":"u"}}</li>
 * </ul>
 * {@code k} is 1-100 (default 10); a basket holds at most 100 items. {@code user}, when given,
 * keeps the caller in one A/B variant (otherwise the item or basket decides). Unknown items
 * fall back to popularity, so the list is empty only for an empty catalogue. Answers
 * {@code {"items":[{"item":"…","score":…}],"modelVersion":"…","variant":"…","recommendationId":"…"}}; events that
 * name the {@code recommendationId} count for the variant's experiment outcomes. 400 for a bad
 * parameter, 503 when the tenant has no also-bought model at all.
 */
public final class AlsoBoughtHandler {

    static final String ENDPOINT = "also-bought";
    private static final Logger log = LoggerFactory.getLogger(AlsoBoughtHandler.class);

    private final ModelDeployments<AlsoBoughtScorer> deployments;
    private final RecommendationMetrics metrics;
    private final AttributionLedger ledger;

    public AlsoBoughtHandler(ModelDeployments<AlsoBoughtScorer> deployments, RecommendationMetrics metrics, AttributionLedger ledger) {
        this.deployments = deployments;
        this.metrics = metrics;
        this.ledger = ledger;
    }

    public Mono<ServerResponse> get(ServerRequest request) {
        String item = RecommendationQuery.requiredParam(request, "item");
        int k = RecommendationQuery.k(request.queryParam("k"));
        String user = request.queryParam("user").map(value -> RecommendationQuery.id(value, "user")).orElse(null);
        return answer(request, List.of(item), k, user == null ? item : user);
    }

    public Mono<ServerResponse> post(ServerRequest request) {
        return request.bodyToMono(BasketQuery.class)
                .switchIfEmpty(Mono.error(ApiProblem.invalid("the body must be {\"basket\":[...]}")))
                .flatMap(query -> {
                    if (query.basket() == null || query.basket().isEmpty()) {
                        throw ApiProblem.invalid("basket must be a non-empty array of item ids");
                    }
                    List<String> basket = RecommendationQuery.ids(query.basket(), "basket");
                    int k = RecommendationQuery.k(query.k());
                    String user = query.user() == null ? null : RecommendationQuery.id(query.user(), "user");
                    return answer(request, basket, k, user == null ? String.join("\u0000", basket) : user);
                });
    }

    private Mono<ServerResponse> answer(ServerRequest request, List<String> basket, int k, String stickyKey) {
        Caller caller = SignedRequestFilter.caller(request.exchange());
        long start = System.nanoTime();
        ModelChoice<AlsoBoughtScorer> choice = deployments.choose(caller.tenant(), caller.tenant() + ":" + stickyKey)
                .orElseThrow(() -> new ApiProblem(ProblemType.UNAVAILABLE, "no also-bought model is deployed for this tenant"));
        RecommendationResponse response = RecommendationResponse.of(choice.model().recommend(basket, k, ItemFilter.NONE), choice,
                choice, ENDPOINT, caller.tenant(), ledger);
        metrics.record(caller.tenant(), ENDPOINT, choice.variant(), System.nanoTime() - start);
        deployments.shadow(caller.tenant()).ifPresent(shadow -> Mono.fromRunnable(() -> {
            List<String> shadowItems = shadow.model().recommend(basket, k, ItemFilter.NONE).stream().map(s -> s.itemId()).toList();
            metrics.recordShadow(caller.tenant(), ENDPOINT, shadow.variant(), RecommendationMetrics.ids(response.items()), shadowItems);
            log.debug("shadow {} {} for {}: {}", shadow.variant(), shadow.version(), basket, shadowItems);
        }).subscribeOn(Schedulers.parallel()).subscribe(null, failure -> log.warn("shadow scoring failed", failure)));
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(response);
    }

    /** The POST body. */
    public record BasketQuery(List<String> basket, Integer k, String user) {
    }
}
