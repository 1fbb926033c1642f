package io.aisle.serving.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real embedded server with the tenants acme and globex and the keys the store endpoint tests sign with, and the
 * calls those tests share: registering a layout, playing a scripted session, reading a JSON answer.
 */
final class StoreTestServer implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final RunningServer server;
    final SignedHttp http;
    final IssuedKey acmeAdmin;
    final IssuedKey acmeDevice;
    final IssuedKey acmeOperator;
    final IssuedKey acmeStorefront;
    final IssuedKey globexDevice;
    final IssuedKey globexOperator;

    private StoreTestServer(TestTenants tenants) {
        acmeAdmin = tenants.key("acme", Role.ADMIN);
        acmeDevice = tenants.key("acme", Role.STORE_DEVICE);
        acmeOperator = tenants.key("acme", Role.STORE_OPERATOR);
        acmeStorefront = tenants.key("acme", Role.STOREFRONT);
        globexDevice = tenants.key("globex", Role.STORE_DEVICE);
        globexOperator = tenants.key("globex", Role.STORE_OPERATOR);
        server = RunningServer.start(tenants.serverProperties());
        http = new SignedHttp(server);
    }

    static StoreTestServer start(Path home) {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        tenants.create("globex");
        return new StoreTestServer(tenants);
    }

    HttpResponse<String> put(IssuedKey key, String path, String json) {
        return server.send(http.signed(key.key().keyId(), key.secret(), "PUT", path, json, Instant.now()).build());
    }

    /** Registers an acme store with the given layout (201). */
    void register(String store, String layoutJson) {
        HttpResponse<String> response = put(acmeAdmin, "/v1/admin/stores/" + store + "/layout", layoutJson);
        assertEquals(201, response.statusCode(), response.body());
    }

    /** Registers an acme store with the scripted sessions' layout (201). */
    void register(String store) {
        register(store, StoreScript.layoutJson(store));
    }

    /** Posts a scripted session's observations and readings as acme's store device; each is accepted (202). */
    void play(String store, List<StoreScript.Batch> batches) {
        for (StoreScript.Batch batch : batches) {
            if (batch.observationsJson() != null) {
                post(store, "shopper-observations", batch.observationsJson());
            }
            post(store, "shelf-readings", batch.readingsJson());
        }
    }

    /** Posts one input of an acme store as its device; it is accepted (202). */
    void post(String store, String input, String json) {
        HttpResponse<String> response = http.post(acmeDevice, "/v1/stores/" + store + "/" + input, json);
        assertEquals(202, response.statusCode(), response.body());
    }

    /** GETs a path (200) and reads its JSON. */
    JsonNode get(IssuedKey key, String path) {
        return ok(http.get(key, path));
    }

    static JsonNode ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** A receipt's lines, SKU to quantity. */
    static Map<String, Integer> lines(JsonNode receipt) {
        Map<String, Integer> lines = new TreeMap<>();
        receipt.get("lines").forEach(line -> lines.put(line.get("sku").asString(), line.get("quantity").asInt()));
        return lines;
    }

    @Override
    public void close() {
        server.close();
    }
}
