package io.aisle.training.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;

/**
 * JSON-lines event logs: one object per line with {@code tenant}, {@code user}, {@code item},
 * {@code type} (view, cart or purchase), {@code ts} (epoch milliseconds or ISO-8601) and an optional
 * {@code order}. Lines of other tenants are skipped (not bad) when a tenant is given.
 */
public final class JsonLineParser implements LineParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String tenant;
    private final Set<String> acceptedTypes;
    private final SignalWeights weights;

    /** Every accepted type at full weight. */
    public JsonLineParser(String tenant, Set<String> acceptedTypes) {
        this(tenant, acceptedTypes, new SignalWeights(1, 1));
    }

    /**
     * @param tenant keep only this tenant's events, or {@code null} for all
     * @param acceptedTypes event types that count as interactions (others are skipped, not bad)
     * @param weights the weight each accepted event gets; events of weight 0 are skipped like other types
     */
    public JsonLineParser(String tenant, Set<String> acceptedTypes, SignalWeights weights) {
        this.tenant = tenant;
        this.acceptedTypes = Set.copyOf(acceptedTypes);
        this.weights = weights;
    }

    @Override
    public ParsedLine parse(long lineNumber, String line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return ParsedLine.bad(lineNumber, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return ParsedLine.bad(lineNumber, "not a JSON object");
        }
        String eventTenant = text(node, "tenant");
        String user = text(node, "user");
        String item = text(node, "item");
        String type = text(node, "type");
        for (String[] field : new String[][] {{"tenant", eventTenant}, {"user", user}, {"item", item}, {"type", type}}) {
            if (field[1] == null || field[1].isBlank()) {
                return ParsedLine.bad(lineNumber, field[0] + " is missing or empty");
            }
        }
        Signal signal;
        try {
            signal = Signal.parse(type);
        } catch (IllegalArgumentException e) {
            return ParsedLine.bad(lineNumber, e.getMessage());
        }
        JsonNode ts = node.get("ts");
        Long millis = ts == null ? null
                : ts.isIntegralNumber() ? Long.valueOf(ts.asLong())
                : ts.isTextual() ? DelimitedLineParser.parseTimestampMillis(ts.asText()) : null;
        if (millis == null || millis < 0) {
            return ParsedLine.bad(lineNumber, "ts " + ts + " is neither epoch milliseconds nor ISO-8601");
        }
        double weight = weights.weight(signal);
        if ((tenant != null && !tenant.equals(eventTenant)) || !acceptedTypes.contains(type) || weight == 0) {
            return ParsedLine.good(lineNumber, List.of());
        }
        String order = text(node, "order");
        String basket = order != null && !order.isBlank() ? "o:" + order : "s:" + user + ":" + Math.floorDiv(millis, 86_400_000L);
        return ParsedLine.good(lineNumber, List.of(new Interaction(user, item, basket, millis, null, Double.NaN, signal, weight)));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
