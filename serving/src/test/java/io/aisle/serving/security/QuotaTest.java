package io.aisle.serving.security;

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
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotaTest {

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static IssuedKey acme;
    private static IssuedKey globex;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        tenants.create("globex");
        acme = tenants.key("acme", Role.ADMIN);
        globex = tenants.key("globex", Role.ADMIN);
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.quota.requests-per-second", 1);
        properties.put("aisle.quota.burst", 3);
        server = RunningServer.start(properties);
        http = new SignedHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answers429WithRetryAfterOnceTheBucketIsEmptyWithoutTouchingOtherTenants() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, http.get(acme, "/v1/admin/keys").statusCode());
        }

        HttpResponse<String> over = http.get(acme, "/v1/admin/keys");

        assertProblem(over, 429, "over-quota");
        assertTrue(Integer.parseInt(over.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertEquals(200, http.get(globex, "/v1/admin/keys").statusCode(), "another tenant keeps its own bucket");
    }
}
