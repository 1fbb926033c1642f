package io.aisle.serving.store;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.tenancy.IssuedKey;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Gate entries over HTTP: receipts carry the bound account, or are held for review. */
class StoreEntryEndpointsTest {

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

    private static HttpResponse<String> entries(IssuedKey key, String store, String body) {
        return site.http.post(key, "/v1/stores/" + store + "/entries", body);
    }

    private static String entry(String account, long atMillis) {
        return "{\"gate\":\"entry\",\"account\":\"" + account + "\",\"at\":" + atMillis + "}";
    }

    /** Receipts by shopper, in issue order. */
    private static List<JsonNode> receipts(String store) {
        List<JsonNode> receipts = new ArrayList<>();
        site.get(site.acmeDevice, "/v1/stores/" + store + "/receipts").get("receipts").forEach(receipts::add);
        return receipts;
    }

    private static JsonNode receiptOf(List<JsonNode> receipts, String shopper) {
        return receipts.stream().filter(r -> r.get("shopper").asString().equals(shopper)).findFirst()
                .orElseThrow(() -> new AssertionError("no receipt of " + shopper + " in " + receipts));
    }

    /** a comes in at 0 and takes oats, b at 5 s and takes tea: apart, so each entry binds one of them. */
    private static List<StoreScript.Batch> twoApart() {
        return new StoreScript(T0, 7).picks("a", 0, 1, 4_000, 9_000).picks("b", 5_000, 2, 8_000, 12_000)
                .render(14_000, 100);
    }

    @Test
    void receiptsCarryTheAccountsOfTheEntriesAtTheGate() {
        site.register("entry-bound");
        assertEquals(202, entries(site.acmeDevice, "entry-bound", entry("acct-ana", T0)).statusCode());
        HttpResponse<String> batch = entries(site.acmeDevice, "entry-bound", "{\"entries\":[" + entry("acct-ben", T0 + 5_100) + "]}");
        assertEquals(202, batch.statusCode(), batch.body());
        assertEquals(1, JSON.readTree(batch.body()).get("accepted").asInt());

        site.play("entry-bound", twoApart());

        List<JsonNode> receipts = receipts("entry-bound");
        assertEquals(2, receipts.size(), receipts.toString());
        assertEquals("acct-ana", receiptOf(receipts, "a").get("account").asString());
        assertEquals("acct-ben", receiptOf(receipts, "b").get("account").asString());
        assertFalse(receiptOf(receipts, "a").get("needsReview").asBoolean(), receipts.toString());
    }

    @Test
    void twoShoppersEnteringTogetherAreHeldForReviewAndTheReviewerAssignsTheAccount() {
        site.register("entry-together");
        assertEquals(202, entries(site.acmeDevice, "entry-together",
                "{\"entries\":[" + entry("acct-ana", T0) + "," + entry("acct-ben", T0 + 150) + "]}").statusCode());
        site.play("entry-together", new StoreScript(T0, 7).picks("a", 0, 1, 4_000, 9_000).picks("b", 200, 2, 6_000, 11_000)
                .render(13_000, 100));

        JsonNode b = receiptOf(receipts("entry-together"), "b");
        assertTrue(b.get("needsReview").asBoolean());
        assertTrue(b.get("account").isNull(), b.toString());
        assertEquals("[\"ambiguous entry\"]", b.get("reviewReasons").toString());
        assertEquals("[\"acct-ana\",\"acct-ben\"]", b.get("candidateAccounts").toString());

        HttpResponse<String> resolved = site.http.post(site.acmeOperator, "/v1/stores/entry-together/reviews/" + b.get("seq").asLong(),
                "{\"decision\":\"confirm\",\"account\":\"acct-ben\"}");
        assertEquals(200, resolved.statusCode(), resolved.body());
        JsonNode adjusted = JSON.readTree(resolved.body());
        assertEquals("acct-ben", adjusted.get("account").asString());
        assertEquals(b.get("seq").asLong(), adjusted.get("adjusts").asLong());
    }

    @Test
    void aShopperWithoutAnEntryIsHeldAsUnboundOnceTheGatesReport() {
        site.register("entry-unbound");
        assertEquals(202, entries(site.acmeDevice, "entry-unbound", entry("acct-ana", T0)).statusCode());

        site.play("entry-unbound", twoApart());

        JsonNode b = receiptOf(receipts("entry-unbound"), "b");
        assertTrue(b.get("needsReview").asBoolean());
        assertTrue(b.get("account").isNull());
        assertEquals("[\"unbound\"]", b.get("reviewReasons").toString());
    }

    @Test
    void refusesABadEntryBatchWholeAndAppliesNothingOfIt() {
        site.register("entry-bad");
        String good = entry("acct-ana", T0);

        assertProblem(entries(site.acmeDevice, "entry-bad", "{\"entries\":[" + good + ","
                + "{\"gate\":\"back-door\",\"account\":\"acct-ben\",\"at\":" + T0 + "}]}"), 400, "invalid-request");
        assertProblem(entries(site.acmeDevice, "entry-bad", "{\"entries\":[" + good + ",{\"gate\":\"entry\",\"at\":" + T0 + "}]}"),
                400, "invalid-request");
        assertProblem(entries(site.acmeDevice, "entry-bad", "{\"gate\":\"entry\",\"account\":\"acct-ana\"}"), 400, "invalid-request");
        assertProblem(entries(site.acmeDevice, "entry-bad", entry("acct-ana", T0 - 86_400_000L)), 400, "invalid-request");
        assertProblem(entries(site.acmeDevice, "entry-bad", "{\"gate\":\"entry\",\"account\":\"acct ana\",\"at\":" + T0 + "}"),
                400, "invalid-request");
        assertProblem(entries(site.acmeDevice, "entry-bad", "{\"entries\":[]}"), 400, "invalid-request");
        assertProblem(entries(site.acmeDevice, "entry-bad", "{\"entries\":[" + good + "], \"gate\":\"entry\"}"), 400, "invalid-request");
        assertProblem(entries(site.acmeDevice, "entry-bad", "{\"entries\":"), 400, "malformed-body");

        site.play("entry-bad", twoApart());

        // Had any entry been applied, the store would bind and hold b as unbound.
        for (JsonNode receipt : receipts("entry-bad")) {
            assertTrue(receipt.get("account").isNull(), receipt.toString());
            assertFalse(receipt.get("needsReview").asBoolean(), receipt.toString());
        }
    }

    @Test
    void entriesNeedTheStoreDeviceRoleAndAnotherTenantsStoreIs404() {
        site.register("entry-roles");

        assertProblem(entries(site.acmeOperator, "entry-roles", entry("acct-ana", T0)), 403, "forbidden-role");
        assertProblem(entries(site.acmeAdmin, "entry-roles", entry("acct-ana", T0)), 403, "forbidden-role");
        assertProblem(entries(site.globexDevice, "entry-roles", entry("acct-ana", T0)), 404, "not-found");
        assertProblem(entries(site.acmeDevice, "no-such-store", entry("acct-ana", T0)), 404, "not-found");
    }
}
