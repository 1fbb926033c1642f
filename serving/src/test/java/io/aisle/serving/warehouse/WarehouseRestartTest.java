package io.aisle.serving.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Registrations outlive the server: a new server on the same home runs the same warehouses. */
class WarehouseRestartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MAP = "type octile\nheight 4\nwidth 5\nmap\n.....\n.@.@.\n.....\n.....\n";

    @TempDir
    Path home;

    @Test
    void registeredWarehouseIsRunningAgainAfterARestart() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        IssuedKey admin = tenants.key("acme", Role.ADMIN);
        IssuedKey wms = tenants.key("acme", Role.WMS);
        String registration = "{\"map\":" + JSON.writeValueAsString(MAP)
                + ",\"robots\":[{\"id\":\"r-1\",\"cell\":12}],\"skuCount\":1,\"chargers\":0}";
        try (RunningServer first = RunningServer.start(tenants.serverProperties())) {
            SignedHttp http = new SignedHttp(first);
            HttpResponse<String> created = first.send(http.signed(admin.key().keyId(), admin.secret(), "PUT",
                    "/v1/admin/warehouses/w-1", registration, Instant.now()).build());
            assertEquals(201, created.statusCode(), created.body());
        }
        try (RunningServer second = RunningServer.start(tenants.serverProperties())) {
            HttpResponse<String> state = new SignedHttp(second).get(wms, "/v1/warehouses/w-1/state");
            assertEquals(200, state.statusCode(), state.body());
            JsonNode robot = JSON.readTree(state.body()).get("robots").get(0);
            assertEquals("r-1", robot.get("robotId").asString());
            assertEquals(12, robot.get("cell").asInt());
        }
    }
}
