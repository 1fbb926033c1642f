package io.aisle.serving.store;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
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

    private static RunningServer server;
    private static SignedHttp http;
    private static IssuedKey acmeAdmin;
    private static IssuedKey acmeDevice;
    private static IssuedKey acmeOperator;
    private static IssuedKey globexDevice;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        tenants.create("globex");
        acmeAdmin = tenants.key("acme", Role.ADMIN);
        acmeDevice = tenants.key("acme", Role.STORE_DEVICE);
        acmeOperator = tenants.key("acme", Role.STORE_OPERATOR);
        globexDevice = tenants.key("globex", Role.STORE_DEVICE);
        server = RunningServer.start(tenants.serverProperties());
        http = new SignedHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void register(String store) {
        HttpResponse<String> registered = server.send(http.signed(acmeAdmin.key().keyId(), acmeAdmin.secret(), "PUT",
                "/v1/admin/stores/" + store + "/layout", StoreScript.layoutJson(store), Instant.now()).build());
        assertEquals(201, registered.statusCode(), registered.body());
    }

    private static void play(String store, List<StoreScript.Batch> batches) {
        for (StoreScript.Batch batch : batches) {
            if (batch.observationsJson() != null) {
                assertEquals(202, http.post(acmeDevice, "/v1/stores/" + store + "/shopper-observations",
                        batch.observationsJson()).statusCode());
            }
            assertEquals(202, http.post(acmeDevice, "/v1/stores/" + store + "/shelf-readings", batch.readingsJson()).statusCode());
        }
    }

    private static HttpResponse<String> entries(IssuedKey key, String store, String body) {
        return http.post(key, "/v1/stores/" + store + "/entries", body);
    }

    private static String entry(String account, long atMillis) {
        return "{\"gate\":\"entry\",\"account\":\"" + account + "\",\"at\":" + atMillis + "}";
    }

    /** Receipts by shopper, in issue order. */
    private static List<JsonNode> receipts(String store) {
        HttpResponse<String> response = http.get(acmeDevice, "/v1/stores/" + store + "/receipts");
        assertEquals(200, response.statusCode(), response.body());
        List<JsonNode> receipts = new ArrayList<>();
        JSON.readTree(response.body()).get("receipts").forEach(receipts::add);
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
        register("entry-bound");
        assertEquals(202, entries(acmeDevice, "entry-bound", entry("acct-ana", T0)).statusCode());
        HttpResponse<String> batch = entries(acmeDevice, "entry-bound", "{\"entries\":[" + entry("acct-ben", T0 + 5_100) + "]}");
        assertEquals(202, batch.statusCode(), batch.body());
        assertEquals(1, JSON.readTree(batch.body()).get("accepted").asInt());

        play("entry-bound", twoApart());

        List<JsonNode> receipts = receipts("entry-bound");
        assertEquals(2, receipts.size(), receipts.toString());
        assertEquals("acct-ana", receiptOf(receipts, "a").get("account").asString());
        assertEquals("acct-ben", receiptOf(receipts, "b").get("account").asString());
        assertFalse(receiptOf(receipts, "a").get("needsReview").asBoolean(), receipts.toString());
    }

    @Test
    void twoShoppersEnteringTogetherAreHeldForReviewAndTheReviewerAssignsTheAccount() {
        register("entry-together");
        assertEquals(202, entries(acmeDevice, "entry-together",
                "{\"entries\":[" + entry("acct-ana", T0) + "," + entry("acct-ben", T0 + 150) + "]}").statusCode());
        play("entry-together", new StoreScript(T0, 7).picks("a", 0, 1, 4_000, 9_000).picks("b", 200, 2, 6_000, 11_000)
                .render(13_000, 100));

        JsonNode b = receiptOf(receipts("entry-together"), "b");
        assertTrue(b.get("needsReview").asBoolean());
        assertTrue(b.get("account").isNull(), b.toString());
        assertEquals("[\"ambiguous entry\"]", b.get("reviewReasons").toString());
        assertEquals("[\"acct-ana\",\"acct-ben\"]", b.get("candidateAccounts").toString());

        HttpResponse<String> resolved = http.post(acmeOperator, "/v1/stores/entry-together/reviews/" + b.get("seq").asLong(),
                "{\"decision\":\"confirm\",\"account\":\"acct-ben\"}");
        assertEquals(200, resolved.statusCode(), resolved.body());
        JsonNode adjusted = JSON.readTree(resolved.body());
        assertEquals("acct-ben", adjusted.get("account").asString());
        assertEquals(b.get("seq").asLong(), adjusted.get("adjusts").asLong());
    }

    @Test
    void aShopperWithoutAnEntryIsHeldAsUnboundOnceTheGatesReport() {
        register("entry-unbound");
        assertEquals(202, entries(acmeDevice, "entry-unbound", entry("acct-ana", T0)).statusCode());

        play("entry-unbound", twoApart());

        JsonNode b = receiptOf(receipts("entry-unbound"), "b");
        assertTrue(b.get("needsReview").asBoolean());
        assertTrue(b.get("account").isNull());
        assertEquals("[\"unbound\"]", b.get("reviewReasons").toString());
    }

    @Test
    void refusesABadEntryBatchWholeAndAppliesNothingOfIt() {
        register("entry-bad");
        String good = entry("acct-ana", T0);

        assertProblem(entries(acmeDevice, "entry-bad", "{\"entries\":[" + good + ","
                + "{\"gate\":\"back-door\",\"account\":\"acct-ben\",\"at\":" + T0 + "}]}"), 400, "invalid-request");
        assertProblem(entries(acmeDevice, "entry-bad", "{\"entries\":[" + good + ",{\"gate\":\"entry\",\"at\":" + T0 + "}]}"),
                400, "invalid-request");
        assertProblem(entries(acmeDevice, "entry-bad", "{\"gate\":\"entry\",\"account\":\"acct-ana\"}"), 400, "invalid-request");
        assertProblem(entries(acmeDevice, "entry-bad", entry("acct-ana", T0 - 86_400_000L)), 400, "invalid-request");
        assertProblem(entries(acmeDevice, "entry-bad", "{\"gate\":\"entry\",\"account\":\"acct ana\",\"at\":" + T0 + "}"),
                400, "invalid-request");
        assertProblem(entries(acmeDevice, "entry-bad", "{\"entries\":[]}"), 400, "invalid-request");
        assertProblem(entries(acmeDevice, "entry-bad", "{\"entries\":[" + good + "], \"gate\":\"entry\"}"), 400, "invalid-request");
        assertProblem(entries(acmeDevice, "entry-bad", "{\"entries\":"), 400, "malformed-body");

        play("entry-bad", twoApart());

        // Had any entry been applied, the store would bind and hold b as unbound.
        for (JsonNode receipt : receipts("entry-bad")) {
            assertTrue(receipt.get("account").isNull(), receipt.toString());
            assertFalse(receipt.get("needsReview").asBoolean(), receipt.toString());
        }
    }

    @Test
    void entriesNeedTheStoreDeviceRoleAndAnotherTenantsStoreIs404() {
        register("entry-roles");

        assertProblem(entries(acmeOperator, "entry-roles", entry("acct-ana", T0)), 403, "forbidden-role");
        assertProblem(entries(acmeAdmin, "entry-roles", entry("acct-ana", T0)), 403, "forbidden-role");
        assertProblem(entries(globexDevice, "entry-roles", entry("acct-ana", T0)), 404, "not-found");
        assertProblem(entries(acmeDevice, "no-such-store", entry("acct-ana", T0)), 404, "not-found");
    }
}
