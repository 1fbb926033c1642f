package io.aisle.serving.eventlog;

import io.aisle.serving.events.EventType;
import io.aisle.serving.events.InteractionEvent;
import io.aisle.serving.tenancy.TenantId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of an interaction event, one line of the interaction log and one record of the Kafka topic:
 * {@code {"tenant","user","item","type","ts","order","recommendationId"}} (the last two only when present), the field names of {@code POST /v1/events}, which
 * the training jobs' JSON-lines reader takes.
 */
public final class InteractionEventJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private InteractionEventJson() {
    }

    public static String encode(InteractionEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tenant", event.tenant().value());
        fields.put("user", event.user());
        fields.put("item", event.item());
        fields.put("type", event.type().wireName());
        fields.put("ts", event.timestamp().toString());
        event.order().ifPresent(order -> fields.put("order", order));
        event.recommendationId().ifPresent(id -> fields.put("recommendationId", id));
        return JSON.writeValueAsString(fields);
    }

    /** @throws IllegalArgumentException for a record that no producer of ours wrote */
    public static InteractionEvent decode(String json) {
        JsonNode node = JSON.readTree(json);
        EventType type = EventType.fromWireName(node.path("type").asString())
                .orElseThrow(() -> new IllegalArgumentException("unknown event type in " + json));
        return new InteractionEvent(new TenantId(node.path("tenant").asString()), node.path("user").asString(),
                node.path("item").asString(), type, Instant.parse(node.path("ts").asString()), optional(node, "order"),
                optional(node, "recommendationId"));
    }

    private static Optional<String> optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asString());
    }
}
