package io.aisle.serving.recommendations;

import io.aisle.serving.security.SignedRequestFilter;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v1/admin/recommendation-metrics} (role {@code admin}): what this server has measured of the
 * caller's tenant since it started, the figures {@code /actuator/prometheus} exports, without other
 * tenants' series: {@code {"latency":[{"endpoint","variant","requests","meanMillis","maxMillis"}],
 * "shadowOverlap":[{"endpoint","variant","requests","meanOverlap"}]}}. Each replica answers for itself.
 */
public final class RecommendationMetricsHandler {

    private final RecommendationMetrics metrics;

    public RecommendationMetricsHandler(RecommendationMetrics metrics) {
        this.metrics = metrics;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route().GET("/v1/admin/recommendation-metrics", this::show).build();
    }

    private Mono<ServerResponse> show(ServerRequest request) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .bodyValue(metrics.measurements(SignedRequestFilter.caller(request.exchange()).tenant()));
    }
}
