package io.aisle.serving.recommendations;

import io.aisle.recommender.engine.Recommendation;
import io.aisle.recommender.engine.TenantModels;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.serving.events.UserHistory;
import io.aisle.serving.events.UserHistoryStore;
import io.aisle.serving.experiments.AttributionLedger;
import io.aisle.serving.security.SignedRequestFilter;
import io.aisle.serving.tenancy.Caller;
import io.aisle.serving.web.ApiProblem;
import io.aisle.serving.web.ProblemType;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * "Recommended for you" (role {@code storefront}):
 * {@code GET /v1/recommendations/for-you?user=ID[&k=10][&category=C][&exclude=A,B]}.
 *
 * <p>Factorization-machine scores over the catalogue, the XGBoost re-ranker over the top
 * candidates when the tenant has one, then filters: items the user bought (from the live
 * history, so a purchase posted to {@code /v1/events} disappears from the list at once), the
 * {@code exclude} list (comma-separated, repeatable, at most 100) and {@code category}. Purchases
 * since training also join the history that the FM's history features and the ranker's features
 * read, so they change what is recommended, not only what is left out. A user the model has not
 * seen is described by their purchases when the model has history features; otherwise they get
 * also-bought over their recent items when they have any, else popularity within the category,
 * then overall. {@code k} is 1-100 (default 10). Answers like
 * also-bought, with a {@code recommendationId} recorded for the chosen arm's variant and version; 400 for a bad parameter, 503 when the tenant has no for-you model.
 */
public final class ForYouHandler {

    static final String ENDPOINT = "for-you";

    private final ModelDeployments<TenantModels> deployments;
    private final UserHistoryStore histories;
    private final RecommendationMetrics metrics;
    private final AttributionLedger ledger;

    public ForYouHandler(ModelDeployments<TenantModels> deployments, UserHistoryStore histories, RecommendationMetrics metrics,
                         AttributionLedger ledger) {
        this.deployments = deployments;
        this.histories = histories;
        this.metrics = metrics;
        this.ledger = ledger;
    }

    public Mono<ServerResponse> get(ServerRequest request) {
        Caller caller = SignedRequestFilter.caller(request.exchange());
        String user = RecommendationQuery.requiredParam(request, "user");
        int k = RecommendationQuery.k(request.queryParam("k"));
        Optional<String> category = request.queryParam("category").map(value -> RecommendationQuery.id(value, "category"));
        List<String> excluded = RecommendationQuery.ids(request.queryParams().getOrDefault("exclude", List.of()).stream()
                .flatMap(value -> List.of(value.split(",")).stream()).filter(value -> !value.isEmpty()).toList(), "exclude");
        ModelChoice<TenantModels> choice = deployments.choose(caller.tenant(), caller.tenant() + ":" + user)
                .orElseThrow(() -> new ApiProblem(ProblemType.UNAVAILABLE, "no for-you model is deployed for this tenant"));
        long start = System.nanoTime();
        return histories.find(caller.tenant(), user)
                .flatMap(history -> {
                    ItemFilter filter = filter(excluded, category, history);
                    List<String> recentPurchases = recentPurchases(history);
                    Mono<Recommendation> answer = Mono.fromSupplier(() -> recommend(choice.model(), user, k, filter, history, recentPurchases));
                    // A scan of the catalogue (a user's first request: about a millisecond of CPU) goes to a worker, so
                    // the other connections of this event loop do not wait on it. A repeat, from the user's cached
                    // candidates, costs less than handing it to another thread and back.
                    return choice.model().forYouScansCatalogue(user, recentPurchases, filter)
                            ? answer.subscribeOn(Schedulers.parallel()) : answer;
                })
                .flatMap(recommendation -> {
                    metrics.record(caller.tenant(), ENDPOINT, choice.variant(), System.nanoTime() - start);
                    RecommendationResponse body = RecommendationResponse.of(recommendation.items(),
                            new ModelChoice<>(choice.variant(), recommendation.version(), null), choice, ENDPOINT, caller.tenant(), ledger);
                    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
                });
    }

    private static ItemFilter filter(List<String> excluded, Optional<String> category, UserHistory history) {
        Set<String> out = new HashSet<>(excluded);
        out.addAll(history.purchased());
        return new ItemFilter(out, category);
    }

    private static Recommendation recommend(TenantModels models, String user, int k, ItemFilter filter, UserHistory history,
                                            List<String> recentPurchases) {
        // A model with history features describes a shopper it never saw by what they bought; an older
        // model cannot, and also-bought on their recent items serves them better than popularity.
        boolean describable = models.forYouModel().map(loaded -> {
            var model = loaded.model().model();
            return model.findUser(user).isPresent() || (model.historyFeatures() && !history.purchased().isEmpty());
        }).orElse(false);
        if (!describable && !history.recentItems().isEmpty() && models.alsoBoughtModel().isPresent()) {
            return models.alsoBought(history.recentItems(), k, filter);
        }
        return models.forYou(user, recentPurchases, k, filter);
    }

    /** The user's purchases since training, newest first (recent items that were bought). */
    private static List<String> recentPurchases(UserHistory history) {
        Set<String> recent = new LinkedHashSet<>();
        for (String item : history.recentItems()) {
            if (history.purchased().contains(item)) {
                recent.add(item);
            }
        }
        recent.addAll(new TreeSet<>(history.purchased()));
        return List.copyOf(recent);
    }
}
