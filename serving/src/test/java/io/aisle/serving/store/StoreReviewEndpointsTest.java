package io.aisle.serving.store;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.tenancy.IssuedKey;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
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

    private static StoreTestServer site;

    @BeforeAll
    static void start() {
        site = StoreTestServer.start(home);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    /** Registers {@code store}, plays the ambiguous pick and returns the open review's id. */
    private static long storeWithAFlaggedReceipt(String store) {
        site.register(store);
        site.play(store, StoreScript.ambiguousPick(T0));
        JsonNode reviews = reviews(store);
        assertEquals(1, reviews.size(), reviews.toString());
        return reviews.get(0).get("id").asLong();
    }

    private static JsonNode reviews(String store) {
        return site.get(site.acmeOperator, "/v1/stores/" + store + "/reviews").get("reviews");
    }

    private static JsonNode receipts(String store) {
        return site.get(site.acmeDevice, "/v1/stores/" + store + "/receipts").get("receipts");
    }

    private static HttpResponse<String> resolve(IssuedKey key, String store, Object id, String body) {
        return site.http.post(key, "/v1/stores/" + store + "/reviews/" + id, body);
    }

    private static HttpResponse<String> dispute(IssuedKey key, String store, Object id, String body) {
        return site.http.post(key, "/v1/stores/" + store + "/receipts/" + id + "/disputes", body);
    }

    @Test
    void listsTheFlaggedReceiptWithTheCandidatesTheShoppersNearTheShelfAndTheWeightChange() {
        long id = storeWithAFlaggedReceipt("review-list");

        JsonNode review = reviews("review-list").get(0);

        JsonNode receipt = review.get("receipt");
        assertEquals(id, receipt.get("seq").asLong());
        assertTrue(receipt.get("needsReview").asBoolean());
        assertEquals(Map.of("TEA", 1), StoreTestServer.lines(receipt));
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

        JsonNode adjusted = StoreTestServer.ok(resolve(site.acmeOperator, "review-confirm", id, "{\"decision\":\"confirm\"}"));

        assertEquals(3, adjusted.get("seq").asLong());
        assertEquals(id, adjusted.get("adjusts").asLong());
        assertEquals("confirmed", adjusted.get("adjustment").asString());
        assertEquals(false, adjusted.get("needsReview").asBoolean());
        assertEquals(Map.of("TEA", 1), StoreTestServer.lines(adjusted));
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

        JsonNode adjusted = StoreTestServer.ok(resolve(site.acmeOperator, "review-correct", id,
                "{\"decision\":\"correct\",\"lines\":[{\"sku\":\"OATS\",\"quantity\":2}],\"note\":\"camera 2 shows oats\"}"));

        assertEquals("corrected", adjusted.get("adjustment").asString());
        assertEquals(Map.of("OATS", 2), StoreTestServer.lines(adjusted));
        assertEquals("camera 2 shows oats", adjusted.get("note").asString());
    }

    @Test
    void resolvingAReviewASecondTimeIsAConflictThatNamesTheAdjustedReceipt() {
        long id = storeWithAFlaggedReceipt("review-twice");
        StoreTestServer.ok(resolve(site.acmeOperator, "review-twice", id, "{\"decision\":\"confirm\"}"));

        HttpResponse<String> again = resolve(site.acmeOperator, "review-twice", id, "{\"decision\":\"correct\",\"lines\":[]}");

        assertProblem(again, 409, "conflict");
        assertTrue(again.body().contains("by receipt 3"), again.body());
        assertEquals(3, receipts("review-twice").size());
    }

    @Test
    void answersAShoppersDisputeWithAnAdjustedReceiptOnceAndLetsTheAdjustedOneBeDisputed() {
        long id = storeWithAFlaggedReceipt("dispute-1");
        long other = 3 - id;

        JsonNode adjusted = StoreTestServer.ok(dispute(site.acmeOperator, "dispute-1", other,
                "{\"lines\":[{\"sku\":\"TEA\",\"quantity\":1}],\"note\":\"I took the tea\"}"));
        HttpResponse<String> again = dispute(site.acmeOperator, "dispute-1", other, "{\"lines\":[]}");
        JsonNode readjusted = StoreTestServer.ok(dispute(site.acmeOperator, "dispute-1", adjusted.get("seq").asLong(), "{\"lines\":[]}"));

        assertEquals(other, adjusted.get("adjusts").asLong());
        assertEquals("disputed", adjusted.get("adjustment").asString());
        assertEquals(Map.of("TEA", 1), StoreTestServer.lines(adjusted));
        assertProblem(again, 409, "conflict");
        assertEquals(adjusted.get("seq").asLong(), readjusted.get("adjusts").asLong());
        assertEquals(Map.of(), StoreTestServer.lines(readjusted));
        assertEquals(4, receipts("dispute-1").size());
        assertEquals(1, reviews("dispute-1").size(), "a dispute of another receipt leaves the review open");
    }

    @Test
    void refusesABadResolutionOrDisputeAndLeavesTheReviewOpen() {
        long id = storeWithAFlaggedReceipt("review-bad");

        assertProblem(resolve(site.acmeOperator, "review-bad", id, "{\"decision\":"), 400, "malformed-body");
        assertProblem(resolve(site.acmeOperator, "review-bad", id, "{\"decision\":\"maybe\"}"), 400, "invalid-request");
        assertProblem(resolve(site.acmeOperator, "review-bad", id, "{\"decision\":\"correct\"}"), 400, "invalid-request");
        assertProblem(resolve(site.acmeOperator, "review-bad", id,
                "{\"decision\":\"confirm\",\"lines\":[{\"sku\":\"TEA\",\"quantity\":1}]}"), 400, "invalid-request");
        assertProblem(resolve(site.acmeOperator, "review-bad", id,
                "{\"decision\":\"correct\",\"lines\":[{\"sku\":\"CAVIAR\",\"quantity\":1}]}"), 400, "invalid-request");
        assertProblem(resolve(site.acmeOperator, "review-bad", id,
                "{\"decision\":\"correct\",\"lines\":[{\"sku\":\"TEA\",\"quantity\":0}]}"), 400, "invalid-request");
        assertProblem(resolve(site.acmeOperator, "review-bad", id,
                "{\"decision\":\"correct\",\"lines\":[{\"sku\":\"TEA\",\"quantity\":1},{\"sku\":\"TEA\",\"quantity\":1}]}"),
                400, "invalid-request");
        assertProblem(dispute(site.acmeOperator, "review-bad", id, "{\"note\":\"wrong\"}"), 400, "invalid-request");
        assertProblem(dispute(site.acmeOperator, "review-bad", id, ""), 400, "invalid-request");

        assertEquals(1, reviews("review-bad").size());
        assertEquals(2, receipts("review-bad").size());
    }

    @Test
    void answers404ForAnUnknownReviewOrReceipt() {
        long id = storeWithAFlaggedReceipt("review-unknown");
        long notFlagged = 3 - id;

        assertProblem(resolve(site.acmeOperator, "review-unknown", 99, "{\"decision\":\"confirm\"}"), 404, "not-found");
        assertProblem(resolve(site.acmeOperator, "review-unknown", notFlagged, "{\"decision\":\"confirm\"}"), 404, "not-found");
        assertProblem(resolve(site.acmeOperator, "review-unknown", "first", "{\"decision\":\"confirm\"}"), 404, "not-found");
        assertProblem(dispute(site.acmeOperator, "review-unknown", 99, "{\"lines\":[]}"), 404, "not-found");
        assertProblem(site.http.get(site.acmeOperator, "/v1/stores/no-such-store/reviews"), 404, "not-found");
    }

    @Test
    void reviewAndDisputesNeedTheStoreOperatorRoleAndTheOperatorFeedsNoSensors() {
        long id = storeWithAFlaggedReceipt("review-roles");

        assertProblem(site.http.get(site.acmeDevice, "/v1/stores/review-roles/reviews"), 403, "forbidden-role");
        assertProblem(resolve(site.acmeDevice, "review-roles", id, "{\"decision\":\"confirm\"}"), 403, "forbidden-role");
        assertProblem(dispute(site.acmeDevice, "review-roles", id, "{\"lines\":[]}"), 403, "forbidden-role");
        assertProblem(resolve(site.acmeAdmin, "review-roles", id, "{\"decision\":\"confirm\"}"), 403, "forbidden-role");
        assertProblem(site.http.post(site.acmeOperator, "/v1/stores/review-roles/shelf-readings",
                "{\"readings\":[{\"plate\":\"P1\",\"ts\":" + T0 + ",\"grams\":8400.0}]}"), 403, "forbidden-role");
        assertEquals(1, reviews("review-roles").size());
    }

    @Test
    void anotherTenantsReviewAndReceiptAre404() {
        long id = storeWithAFlaggedReceipt("review-tenant");

        assertProblem(site.http.get(site.globexOperator, "/v1/stores/review-tenant/reviews"), 404, "not-found");
        assertProblem(resolve(site.globexOperator, "review-tenant", id, "{\"decision\":\"confirm\"}"), 404, "not-found");
        assertProblem(dispute(site.globexOperator, "review-tenant", id, "{\"lines\":[]}"), 404, "not-found");

        assertEquals(1, reviews("review-tenant").size());
        assertEquals(2, receipts("review-tenant").size());
    }

    @Test
    void anAdminIssuesStoreOperatorKeys() {
        HttpResponse<String> issued = site.http.post(site.acmeAdmin, "/v1/admin/keys", "{\"roles\":[\"store-operator\"]}");

        assertEquals(201, issued.statusCode(), issued.body());
        assertEquals("store-operator", JSON.readTree(issued.body()).get("roles").get(0).asString());
    }

    @Test
    void theEventStreamShowsTheAdjustedReceipt() throws Exception {
        long id = storeWithAFlaggedReceipt("review-sse");
        String data;
        try (StoreEventStream events = StoreEventStream.open(site.http, site.acmeDevice, "review-sse")) {
            StoreTestServer.ok(resolve(site.acmeOperator, "review-sse", id, "{\"decision\":\"confirm\"}"));
            data = events.nextReceipt();
        }

        JsonNode receipt = JSON.readTree(data.substring("data:".length()));
        assertEquals(3, receipt.get("seq").asLong());
        assertEquals(id, receipt.get("adjusts").asLong());
    }
}
