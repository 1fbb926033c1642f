package io.aisle.serving.store;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Receipt review and disputes over HTTP, on a store session whose one ambiguous pick flags a receipt. */
class StoreReviewEndpointsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Event times of the session: a minute before now, well inside the accepted skew. */
    private static final long T0 = Instant.now().minusSeconds(60).toEpochMilli() / 1000 * 1000;

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static IssuedKey acmeAdmin;
    private static IssuedKey acmeDevice;
    private static IssuedKey acmeOperator;
    private static IssuedKey globexOperator;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        tenants.create("globex");
        acmeAdmin = tenants.key("acme", Role.ADMIN);
        acmeDevice = tenants.key("acme", Role.STORE_DEVICE);
        acmeOperator = tenants.key("acme", Role.STORE_OPERATOR);
        globexOperator = tenants.key("globex", Role.STORE_OPERATOR);
        server = RunningServer.start(tenants.serverProperties());
        http = new SignedHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Registers {@code store}, plays the ambiguous pick and returns the open review's id. */
    private static long storeWithAFlaggedReceipt(String store) {
        HttpResponse<String> registered = server.send(http.signed(acmeAdmin.key().keyId(), acmeAdmin.secret(), "PUT",
                "/v1/admin/stores/" + store + "/layout", StoreScript.layoutJson(store), Instant.now()).build());
        assertEquals(201, registered.statusCode(), registered.body());
        for (StoreScript.Batch batch : StoreScript.ambiguousPick(T0)) {
            if (batch.observationsJson() != null) {
                assertEquals(202, http.post(acmeDevice, "/v1/stores/" + store + "/shopper-observations",
                        batch.observationsJson()).statusCode());
            }
            assertEquals(202, http.post(acmeDevice, "/v1/stores/" + store + "/shelf-readings", batch.readingsJson()).statusCode());
        }
        JsonNode reviews = reviews(store);
        assertEquals(1, reviews.size(), reviews.toString());
        return reviews.get(0).get("id").asLong();
    }

    private static JsonNode reviews(String store) {
        HttpResponse<String> response = http.get(acmeOperator, "/v1/stores/" + store + "/reviews");
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("reviews");
    }

    private static JsonNode receipts(String store) {
        HttpResponse<String> response = http.get(acmeDevice, "/v1/stores/" + store + "/receipts");
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("receipts");
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static Map<String, Integer> lines(JsonNode receipt) {
        Map<String, Integer> lines = new TreeMap<>();
        receipt.get("lines").forEach(line -> lines.put(line.get("sku").asString(), line.get("quantity").asInt()));
        return lines;
    }

    private static HttpResponse<String> resolve(IssuedKey key, String store, Object id, String body) {
        return http.post(key, "/v1/stores/" + store + "/reviews/" + id, body);
    }

    private static HttpResponse<String> dispute(IssuedKey key, String store, Object id, String body) {
        return http.post(key, "/v1/stores/" + store + "/receipts/" + id + "/disputes", body);
    }

    @Test
    void listsTheFlaggedReceiptWithTheCandidatesTheShoppersNearTheShelfAndTheWeightChange() {
        long id = storeWithAFlaggedReceipt("review-list");

        JsonNode review = reviews("review-list").get(0);

        JsonNode receipt = review.get("receipt");
        assertEquals(id, receipt.get("seq").asLong());
        assertTrue(receipt.get("needsReview").asBoolean());
        assertEquals(Map.of("TEA", 1), lines(receipt));
        JsonNode evidence = receipt.get("evidence").get(0);
        assertEquals("P2", evidence.get("plateId").asString());
        assertEquals(-120, evidence.get("weightChangeGrams").asDouble(), 10);
        assertEquals(1, evidence.get("candidates").get(0).get("units").get("TEA").asInt());
        assertTrue(evidence.get("candidates").get(0).get("probability").asDouble() > 0.5, evidence.toString());
        assertEquals(2, evidence.get("shopperOdds").size(), evidence.toString());
        assertTrue(evidence.get("shopperOdds").has("a") && evidence.get("shopperOdds").has("b"), evidence.toString());
    }

    @Test
    void confirmingAReviewAnswersWithAnAdjustedReceiptAndKeepsTheOriginal() {
        long id = storeWithAFlaggedReceipt("review-confirm");

        JsonNode adjusted = ok(resolve(acmeOperator, "review-confirm", id, "{\"decision\":\"confirm\"}"));

        assertEquals(3, adjusted.get("seq").asLong());
        assertEquals(id, adjusted.get("adjusts").asLong());
        assertEquals("confirmed", adjusted.get("adjustment").asString());
        assertEquals(false, adjusted.get("needsReview").asBoolean());
        assertEquals(Map.of("TEA", 1), lines(adjusted));
        JsonNode receipts = receipts("review-confirm");
        assertEquals(3, receipts.size(), receipts.toString());
        JsonNode original = receipts.get((int) id - 1);
        assertTrue(original.get("needsReview").asBoolean(), "the original stays as it was issued");
        assertTrue(original.get("adjusts").isNull());
        assertEquals(adjusted, receipts.get(2));
        assertEquals(0, reviews("review-confirm").size());
    }

    @Test
    void correctingAReviewReplacesTheLinesOfTheAdjustedReceipt() {
        long id = storeWithAFlaggedReceipt("review-correct");

        JsonNode adjusted = ok(resolve(acmeOperator, "review-correct", id,
                "{\"decision\":\"correct\",\"lines\":[{\"sku\":\"OATS\",\"quantity\":2}],\"note\":\"camera 2 shows oats\"}"));

        assertEquals("corrected", adjusted.get("adjustment").asString());
        assertEquals(Map.of("OATS", 2), lines(adjusted));
        assertEquals("camera 2 shows oats", adjusted.get("note").asString());
    }

    @Test
    void resolvingAReviewASecondTimeIsAConflictThatNamesTheAdjustedReceipt() {
        long id = storeWithAFlaggedReceipt("review-twice");
        ok(resolve(acmeOperator, "review-twice", id, "{\"decision\":\"confirm\"}"));

        HttpResponse<String> again = resolve(acmeOperator, "review-twice", id, "{\"decision\":\"correct\",\"lines\":[]}");

        assertProblem(again, 409, "conflict");
        assertTrue(again.body().contains("by receipt 3"), again.body());
        assertEquals(3, receipts("review-twice").size());
    }

    @Test
    void answersAShoppersDisputeWithAnAdjustedReceiptOnceAndLetsTheAdjustedOneBeDisputed() {
        long id = storeWithAFlaggedReceipt("dispute-1");
        long other = 3 - id;

        JsonNode adjusted = ok(dispute(acmeOperator, "dispute-1", other,
                "{\"lines\":[{\"sku\":\"TEA\",\"quantity\":1}],\"note\":\"I took the tea\"}"));
        HttpResponse<String> again = dispute(acmeOperator, "dispute-1", other, "{\"lines\":[]}");
        JsonNode readjusted = ok(dispute(acmeOperator, "dispute-1", adjusted.get("seq").asLong(), "{\"lines\":[]}"));

        assertEquals(other, adjusted.get("adjusts").asLong());
        assertEquals("disputed", adjusted.get("adjustment").asString());
        assertEquals(Map.of("TEA", 1), lines(adjusted));
        assertProblem(again, 409, "conflict");
        assertEquals(adjusted.get("seq").asLong(), readjusted.get("adjusts").asLong());
        assertEquals(Map.of(), lines(readjusted));
        assertEquals(4, receipts("dispute-1").size());
        assertEquals(1, reviews("dispute-1").size(), "a dispute of another receipt leaves the review open");
    }

    @Test
    void refusesABadResolutionOrDisputeAndLeavesTheReviewOpen() {
        long id = storeWithAFlaggedReceipt("review-bad");

        assertProblem(resolve(acmeOperator, "review-bad", id, "{\"decision\":"), 400, "malformed-body");
        assertProblem(resolve(acmeOperator, "review-bad", id, "{\"decision\":\"maybe\"}"), 400, "invalid-request");
        assertProblem(resolve(acmeOperator, "review-bad", id, "{\"decision\":\"correct\"}"), 400, "invalid-request");
        assertProblem(resolve(acmeOperator, "review-bad", id,
                "{\"decision\":\"confirm\",\"lines\":[{\"sku\":\"TEA\",\"quantity\":1}]}"), 400, "invalid-request");
        assertProblem(resolve(acmeOperator, "review-bad", id,
                "{\"decision\":\"correct\",\"lines\":[{\"sku\":\"CAVIAR\",\"quantity\":1}]}"), 400, "invalid-request");
        assertProblem(resolve(acmeOperator, "review-bad", id,
                "{\"decision\":\"correct\",\"lines\":[{\"sku\":\"TEA\",\"quantity\":0}]}"), 400, "invalid-request");
        assertProblem(resolve(acmeOperator, "review-bad", id,
                "{\"decision\":\"correct\",\"lines\":[{\"sku\":\"TEA\",\"quantity\":1},{\"sku\":\"TEA\",\"quantity\":1}]}"),
                400, "invalid-request");
        assertProblem(dispute(acmeOperator, "review-bad", id, "{\"note\":\"wrong\"}"), 400, "invalid-request");
        assertProblem(dispute(acmeOperator, "review-bad", id, ""), 400, "invalid-request");

        assertEquals(1, reviews("review-bad").size());
        assertEquals(2, receipts("review-bad").size());
    }

    @Test
    void answers404ForAnUnknownReviewOrReceipt() {
        long id = storeWithAFlaggedReceipt("review-unknown");
        long notFlagged = 3 - id;

        assertProblem(resolve(acmeOperator, "review-unknown", 99, "{\"decision\":\"confirm\"}"), 404, "not-found");
        assertProblem(resolve(acmeOperator, "review-unknown", notFlagged, "{\"decision\":\"confirm\"}"), 404, "not-found");
        assertProblem(resolve(acmeOperator, "review-unknown", "first", "{\"decision\":\"confirm\"}"), 404, "not-found");
        assertProblem(dispute(acmeOperator, "review-unknown", 99, "{\"lines\":[]}"), 404, "not-found");
        assertProblem(http.get(acmeOperator, "/v1/stores/no-such-store/reviews"), 404, "not-found");
    }

    @Test
    void reviewAndDisputesNeedTheStoreOperatorRoleAndTheOperatorFeedsNoSensors() {
        long id = storeWithAFlaggedReceipt("review-roles");

        assertProblem(http.get(acmeDevice, "/v1/stores/review-roles/reviews"), 403, "forbidden-role");
        assertProblem(resolve(acmeDevice, "review-roles", id, "{\"decision\":\"confirm\"}"), 403, "forbidden-role");
        assertProblem(dispute(acmeDevice, "review-roles", id, "{\"lines\":[]}"), 403, "forbidden-role");
        assertProblem(resolve(acmeAdmin, "review-roles", id, "{\"decision\":\"confirm\"}"), 403, "forbidden-role");
        assertProblem(http.post(acmeOperator, "/v1/stores/review-roles/shelf-readings",
                "{\"readings\":[{\"plate\":\"P1\",\"ts\":" + T0 + ",\"grams\":8400.0}]}"), 403, "forbidden-role");
        assertEquals(1, reviews("review-roles").size());
    }

    @Test
    void anotherTenantsReviewAndReceiptAre404() {
        long id = storeWithAFlaggedReceipt("review-tenant");

        assertProblem(http.get(globexOperator, "/v1/stores/review-tenant/reviews"), 404, "not-found");
        assertProblem(resolve(globexOperator, "review-tenant", id, "{\"decision\":\"confirm\"}"), 404, "not-found");
        assertProblem(dispute(globexOperator, "review-tenant", id, "{\"lines\":[]}"), 404, "not-found");

        assertEquals(1, reviews("review-tenant").size());
        assertEquals(2, receipts("review-tenant").size());
    }

    @Test
    void anAdminIssuesStoreOperatorKeys() {
        HttpResponse<String> issued = http.post(acmeAdmin, "/v1/admin/keys", "{\"roles\":[\"store-operator\"]}");

        assertEquals(201, issued.statusCode(), issued.body());
        assertEquals("store-operator", JSON.readTree(issued.body()).get("roles").get(0).asString());
    }

    @Test
    void theEventStreamShowsTheAdjustedReceipt() throws Exception {
        long id = storeWithAFlaggedReceipt("review-sse");
        String data;
        try (StoreEventStream events = StoreEventStream.open(http, acmeDevice, "review-sse")) {
            ok(resolve(acmeOperator, "review-sse", id, "{\"decision\":\"confirm\"}"));
            data = events.nextReceipt();
        }

        JsonNode receipt = JSON.readTree(data.substring("data:".length()));
        assertEquals(3, receipt.get("seq").asLong());
        assertEquals(id, receipt.get("adjusts").asLong());
    }
}
