package io.aisle.serving.events;

import io.aisle.serving.experiments.AttributionLedger;
import io.aisle.serving.security.SignedRequestFilter;
import io.aisle.serving.tenancy.Caller;
import io.aisle.serving.web.ApiProblem;
import io.aisle.serving.web.ProblemType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v1/events} (role {@code storefront}): a batch of interaction events,
 * <pre>{"events":[{"user":"u-17","item":"sku-9","type":"purchase","ts":"2026-11-26T10:15:00Z","order":"o-3",
 *   "recommendationId":"9f0c…"}]}</pre>
 * {@code type} is view, cart or purchase; {@code ts} (ISO-8601) defaults to now and may not lie
 * more than 5 minutes ahead; {@code order} is optional, and so is {@code recommendationId}, the id of the
 * recommendation response that led to the event (it is then attributed to that response's A/B variant, see
 * {@link AttributionLedger}). At most {@value #MAX_EVENTS} events.
 * The whole batch is validated before anything is published: a batch with one bad event is
 * refused whole with 400 naming it, and nothing is stored. Answers 202 {@code {"accepted":N}}
 * once the bus has the batch.
 */
@Component
public class EventsHandler {

    public static final int MAX_EVENTS = 1000;
    private static final Pattern ID = Pattern.compile("[\\p{Graph}&&[^\"\\\\]]{1,128}");
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    private final EventBus bus;
    private final Clock clock;
    private final AttributionLedger attribution;

    public EventsHandler(EventBus bus, Clock clock, AttributionLedger attribution) {
        this.bus = bus;
        this.clock = clock;
        this.attribution = attribution;
    }

    public Mono<ServerResponse> post(ServerRequest request) {
        Caller caller = SignedRequestFilter.caller(request.exchange());
        return request.bodyToMono(EventBatch.class)
                .switchIfEmpty(Mono.error(ApiProblem.invalid("the body must be {\"events\":[...]}")))
                .map(batch -> validate(caller, batch))
                // Attributed here, on the replica that served the recommendation, once the bus has the batch.
                .flatMap(events -> bus.publish(events).then(Mono.fromRunnable(() -> attribution.attribute(events)))
                        .thenReturn(events.size()))
                .flatMap(accepted -> ServerResponse.accepted().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("accepted", accepted)));
    }

    List<InteractionEvent> validate(Caller caller, EventBatch batch) {
        if (batch.events() == null || batch.events().isEmpty()) {
            throw ApiProblem.invalid("events must be a non-empty array");
        }
        if (batch.events().size() > MAX_EVENTS) {
            throw new ApiProblem(ProblemType.TOO_LARGE, "at most " + MAX_EVENTS + " events per batch, got " + batch.events().size());
        }
        Instant now = clock.instant();
        List<InteractionEvent> events = new ArrayList<>(batch.events().size());
        for (int i = 0; i < batch.events().size(); i++) {
            EventBody body = batch.events().get(i);
            String at = "events[" + i + "]";
            if (body == null) {
                throw ApiProblem.invalid(at + " must be an object");
            }
            String user = requireId(body.user(), at + ".user");
            String item = requireId(body.item(), at + ".item");
            EventType type = EventType.fromWireName(body.type())
                    .orElseThrow(() -> ApiProblem.invalid(at + ".type must be view, cart or purchase"));
            Instant timestamp = body.ts() == null ? now : parseTimestamp(body.ts(), at + ".ts");
            if (timestamp.isAfter(now.plus(MAX_FUTURE))) {
                throw ApiProblem.invalid(at + ".ts lies more than 5 minutes in the future");
            }
            Optional<String> order = body.order() == null ? Optional.empty() : Optional.of(requireId(body.order(), at + ".order"));
            Optional<String> recommendation = body.recommendationId() == null ? Optional.empty()
                    : Optional.of(requireId(body.recommendationId(), at + ".recommendationId"));
            events.add(new InteractionEvent(caller.tenant(), user, item, type, timestamp, order, recommendation));
        }
        return events;
    }

    private static String requireId(String value, String field) {
        if (value == null || !ID.matcher(value).matches()) {
            throw ApiProblem.invalid(field + " must be 1-128 printable characters without quotes or spaces");
        }
        return value;
    }

    private static Instant parseTimestamp(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(field + " must be an ISO-8601 instant such as 2026-11-26T10:15:00Z");
        }
    }

    /** The request body. */
    public record EventBatch(List<EventBody> events) {
    }

    /** One event as sent; validated into an {@link InteractionEvent}. */
    public record EventBody(String user, String item, String type, String ts, String order, String recommendationId) {
    }
}
