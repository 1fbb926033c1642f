package io.aisle.serving.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.testing.ApiOperations;
import io.aisle.serving.testing.ApiOperations.Operation;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.web.ProblemType;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description served at {@code /v3/api-docs} and the routes of the running server are the same set,
 * and every operation says what it answers, so the description cannot drift from the code unnoticed.
 */
class OpenApiRoutesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RunningServer server;
    private static JsonNode spec;

    @BeforeAll
    static void startServer() {
        server = RunningServer.start(Map.of());
        HttpResponse<String> docs = server.get("/v3/api-docs");
        assertEquals(200, docs.statusCode(), docs.body());
        spec = JSON.readTree(docs.body());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void describesEveryRoutedOperation() {
        SortedSet<Operation> routed = ApiOperations.routed(server.context());
        SortedSet<Operation> missing = new TreeSet<>(routed);
        missing.removeAll(ApiOperations.described(spec));

        assertTrue(routed.size() > 30, "the router visitor found only " + routed);
        assertEquals(Set.of(), missing, "routed but not in openapi.json");
    }

    @Test
    void routesEveryDescribedOperation() {
        SortedSet<Operation> routed = ApiOperations.routed(server.context());
        List<Operation> unrouted = ApiOperations.described(spec).stream()
                .filter(operation -> !routed.contains(operation) && !ApiOperations.isMapped(server.context(), operation))
                .toList();

        assertEquals(List.of(), unrouted, "in openapi.json but answered by no route or endpoint");
    }

    @Test
    void everyOperationDescribesASuccessWithItsBodyAndTheProblemsItCanGive() {
        List<String> faults = new ArrayList<>();
        for (Operation operation : ApiOperations.described(spec)) {
            JsonNode described = spec.get("paths").get(operation.path()).get(operation.method().toLowerCase(Locale.ROOT));
            JsonNode responses = described.get("responses");
            List<String> statuses = new ArrayList<>(responses.propertyNames());
            if (statuses.stream().noneMatch(status -> status.startsWith("2"))) {
                faults.add(operation + " has no success response");
            }
            for (String status : statuses) {
                JsonNode response = resolve(responses.get(status));
                boolean failure = status.startsWith("4") || status.startsWith("5");
                if (!status.equals("204") && !hasSchema(response)) {
                    faults.add(operation + " " + status + " describes no body schema");
                }
                if (failure && !operation.path().startsWith("/actuator/") && !isProblem(response)) {
                    faults.add(operation + " " + status + " is not application/problem+json with the Problem schema");
                }
            }
            if (!described.get("security").isEmpty() && !statuses.containsAll(List.of("401", "403", "429"))) {
                faults.add(operation + " is signed but does not list 401, 403 and 429");
            }
        }

        assertEquals(List.of(), faults);
    }

    @Test
    void theProblemSchemaListsEveryProblemTypeTheServerUses() {
        JsonNode listed = spec.get("components").get("schemas").get("Problem").get("properties").get("type").get("enum");
        Set<String> described = new TreeSet<>();
        listed.forEach(type -> described.add(type.asString()));

        assertEquals(Arrays.stream(ProblemType.values()).map(ProblemType::uri).collect(Collectors.toCollection(TreeSet::new)),
                described);
    }

    @Test
    void idempotentWritesDescribeTheKeyTheReplayAndBothRefusals() {
        for (String path : List.of("/v1/events", "/v1/warehouses/{warehouse}/orders")) {
            JsonNode post = spec.get("paths").get(path).get("post");
            List<String> parameters = new ArrayList<>();
            post.get("parameters").forEach(parameter -> parameters.add(resolve(parameter).get("name").asString()));
            JsonNode responses = post.get("responses");
            JsonNode accepted = resolve(responses.get("202"));

            assertTrue(parameters.contains("Idempotency-Key"), path + " " + parameters);
            assertTrue(accepted.get("headers").has("Idempotent-Replayed"), path + " " + accepted);
            assertTrue(resolve(responses.get("409")).get("headers").has("Retry-After"), path);
            assertTrue(responses.has("422"), path);
            assertTrue(responses.has("400"), path);
        }
    }

    private static JsonNode resolve(JsonNode node) {
        if (!node.has("$ref")) {
            return node;
        }
        JsonNode target = spec;
        for (String part : node.get("$ref").asString().substring(2).split("/")) {
            target = target.get(part);
        }
        return target;
    }

    private static boolean hasSchema(JsonNode response) {
        JsonNode content = response.get("content");
        if (content == null || content.isEmpty()) {
            return false;
        }
        for (JsonNode media : content) {
            if (media.get("schema") == null) {
                return false;
            }
        }
        return true;
    }

    private static boolean isProblem(JsonNode response) {
        JsonNode content = response.get("content");
        return content != null && content.size() == 1 && content.has("application/problem+json")
                && "#/components/schemas/Problem".equals(content.get("application/problem+json").get("schema").get("$ref").asString());
    }
}
