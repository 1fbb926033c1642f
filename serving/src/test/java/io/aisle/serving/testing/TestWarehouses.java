package io.aisle.serving.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Warehouse test set-up: servers that tick fast and never fault a robot for silence, and registrations. */
public final class TestWarehouses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestWarehouses() {
    }

    /** A tenant's admin key (registrations) and wms key (orders, state), issued before the server starts. */
    public record Keys(IssuedKey admin, IssuedKey wms) {

        public static Keys issue(TestTenants tenants, String tenant) {
            return new Keys(tenants.key(tenant, Role.ADMIN), tenants.key(tenant, Role.WMS));
        }
    }

    /** The tenants' server properties with 50 ms ticks, a 20 ms plan budget and a 60 s telemetry timeout. */
    public static Map<String, Object> fastTicks(TestTenants tenants) {
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.warehouses.tick", "50ms");
        properties.put("aisle.warehouses.plan-budget", "20ms");
        properties.put("aisle.warehouses.telemetry-timeout", "60s");
        return properties;
    }

    /** Registers a new warehouse, asserting 201. */
    public static void register(RunningServer server, IssuedKey admin, String warehouse, String registration) {
        HttpResponse<String> created = server.send(new SignedHttp(server).signed(admin.key().keyId(), admin.secret(),
                "PUT", "/v1/admin/warehouses/" + warehouse, registration, Instant.now()).build());
        assertEquals(201, created.statusCode(), created.body());
    }

    /** The warehouse's state as {@code key} reads it, asserting 200. */
    public static JsonNode state(SignedHttp http, IssuedKey key, String warehouse) {
        HttpResponse<String> response = http.get(key, "/v1/warehouses/" + warehouse + "/state");
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** One robot of a state body. */
    public static JsonNode robotView(JsonNode state, String robot) {
        for (JsonNode view : state.get("robots")) {
            if (view.get("robotId").asString().equals(robot)) {
                return view;
            }
        }
        throw new AssertionError("no robot " + robot + " in " + state);
    }
}
