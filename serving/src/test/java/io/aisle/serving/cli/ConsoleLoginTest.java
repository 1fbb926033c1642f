package io.aisle.serving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.tenancy.ApiKey;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console login {@code ./aisle demo} prints: a key of the tenant that signs in for one run of the server. */
class ConsoleLoginTest {

    private static final TenantId DEMO = new TenantId("demo");

    @TempDir
    Path home;

    @Test
    void issuesAKeyWithTheConsolesRolesThatStopsWorkingWhenTheServerStops() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("demo");
        IssuedKey login;
        try (RunningServer server = RunningServer.start(tenants.serverProperties())) {
            login = ConsoleLogin.issueForThisRun(server.context(), DEMO).orElseThrow();

            HttpResponse<String> keys = new SignedHttp(server).get(login, "/v1/admin/keys");
            assertEquals(200, keys.statusCode(), keys.body());
            assertTrue(keys.body().contains(login.key().keyId()), keys.body());
        }

        ApiKey after = new TestTenants(home).directory().keys(DEMO).stream()
                .filter(key -> key.keyId().equals(login.key().keyId())).findFirst().orElseThrow();
        assertTrue(after.revoked(), after.toString());
        assertEquals(ConsoleLogin.ROLES, after.roles());
    }

    @Test
    void issuesNothingForATenantTheServerDoesNotHave() {
        try (RunningServer server = RunningServer.start(new TestTenants(home).serverProperties())) {
            assertTrue(ConsoleLogin.issueForThisRun(server.context(), DEMO).isEmpty());
        }
    }
}
