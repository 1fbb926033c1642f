package io.aisle.serving.retrain;

import io.aisle.serving.recommendations.ModelAdminHandler;
import io.aisle.serving.security.SignedRequestFilter;
import io.aisle.serving.web.ApiProblem;
import io.aisle.serving.web.ProblemType;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Retraining of the caller's tenant (role {@code admin}):
 * <ul>
 *   <li>{@code GET|PUT|DELETE /v1/admin/models/MODEL/schedule}, body {@code {"every":"PT24H","window":"30d","minGain":0}}:
 *       the model's schedule (also-bought, whose job applies the promotion rule);</li>
 *   <li>{@code GET /v1/admin/models/MODEL/runs}: its runs, newest first, with status, report and promotion;</li>
 *   <li>{@code POST /v1/admin/models/MODEL/runs}: a run now, 202; 409 while one is queued or running.</li>
 * </ul>
 */
public final class RetrainHandler {

    private static final int RUNS_LISTED = 50;

    private final RetrainRuns runs;
    private final RetrainScheduler scheduler;

    public RetrainHandler(RetrainRuns runs, RetrainScheduler scheduler) {
        this.runs = runs;
        this.scheduler = scheduler;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/v1/admin/models/{model}/schedule", this::showSchedule)
                .PUT("/v1/admin/models/{model}/schedule", this::putSchedule)
                .DELETE("/v1/admin/models/{model}/schedule", this::deleteSchedule)
                .GET("/v1/admin/models/{model}/runs", this::listRuns)
                .POST("/v1/admin/models/{model}/runs", this::startRun)
                .build();
    }

    private Mono<ServerResponse> showSchedule(ServerRequest request) {
        String tenant = tenant(request);
        String model = ModelAdminHandler.model(request);
        return blocking(() -> runs.schedule(tenant, model)
                .orElseThrow(() -> ApiProblem.notFound(model + " has no retraining schedule")))
                .flatMap(schedule -> json(ServerResponse.ok(), scheduleBody(model, schedule)));
    }

    private Mono<ServerResponse> putSchedule(ServerRequest request) {
        String tenant = tenant(request);
        String model = schedulable(request);
        return request.bodyToMono(ScheduleBody.class)
                .switchIfEmpty(Mono.error(ApiProblem.invalid("the body must be {\"every\":\"PT24H\",\"window\":\"30d\","
                        + "\"minGain\":0}")))
                .map(ScheduleBody::toSchedule)
                .flatMap(schedule -> blocking(() -> {
                    runs.putSchedule(tenant, model, schedule);
                    return schedule;
                }))
                .flatMap(schedule -> json(ServerResponse.ok(), scheduleBody(model, schedule)));
    }

    private Mono<ServerResponse> deleteSchedule(ServerRequest request) {
        String tenant = tenant(request);
        String model = ModelAdminHandler.model(request);
        return blocking(() -> runs.deleteSchedule(tenant, model))
                .flatMap(deleted -> deleted ? ServerResponse.noContent().build()
                        : Mono.error(ApiProblem.notFound(model + " has no retraining schedule")));
    }

    private Mono<ServerResponse> listRuns(ServerRequest request) {
        String tenant = tenant(request);
        String model = ModelAdminHandler.model(request);
        return blocking(() -> Map.of("model", model, "runs", runs.runs(tenant, model, RUNS_LISTED)))
                .flatMap(body -> json(ServerResponse.ok(), body));
    }

    private Mono<ServerResponse> startRun(ServerRequest request) {
        String tenant = tenant(request);
        String model = schedulable(request);
        return blocking(() -> scheduler.runNow(tenant, model)
                .orElseThrow(() -> new ApiProblem(ProblemType.CONFLICT, "a run of " + model
                        + " is queued or running; see GET /v1/admin/models/" + model + "/runs")))
                .flatMap(run -> json(ServerResponse.accepted(), run));
    }

    private static Map<String, Object> scheduleBody(String model, RetrainSchedule schedule) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("every", schedule.every().toString());
        body.put("window", schedule.window());
        body.put("minGain", schedule.minGain());
        return body;
    }

    private static Mono<ServerResponse> json(ServerResponse.BodyBuilder status, Object body) {
        return status.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private static String tenant(ServerRequest request) {
        return SignedRequestFilter.caller(request.exchange()).tenant().value();
    }

    /** Only a model whose training job applies the promotion rule retrains unattended. */
    private static String schedulable(ServerRequest request) {
        String model = ModelAdminHandler.model(request);
        if (!RetrainScheduler.SCHEDULABLE.contains(model)) {
            throw ApiProblem.invalid(model + " has no promotion rule yet, so it cannot retrain unattended; schedulable: "
                    + RetrainScheduler.SCHEDULABLE);
        }
        return model;
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    /** The schedule body; {@code window} defaults to {@code all}, {@code minGain} to 0. */
    public record ScheduleBody(String every, String window, Double minGain) {

        RetrainSchedule toSchedule() {
            if (every == null) {
                throw ApiProblem.invalid("every is required, an ISO-8601 duration such as PT24H");
            }
            try {
                return new RetrainSchedule(Duration.parse(every), window == null ? "all" : window,
                        minGain == null ? 0 : minGain);
            } catch (DateTimeParseException e) {
                throw ApiProblem.invalid("every must be an ISO-8601 duration such as PT24H but was '" + every + "'");
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid(e.getMessage());
            }
        }
    }
}
