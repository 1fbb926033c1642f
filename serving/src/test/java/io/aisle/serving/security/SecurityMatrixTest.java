package io.aisle.serving.security;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.events.UserHistory;
import io.aisle.serving.events.UserHistoryStore;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rejection the edge promises, each with its status, its problem type, and no stored
 * state: after each rejected POST /v1/events the user's history is still empty.
 */
class SecurityMatrixTest {

    private static final String PURCHASE = "{\"events\":[{\"user\":\"u-1\",\"item\":\"milk\",\"type\":\"purchase\"}]}";

    @TempDir
    static Path home;

    private static TestTenants tenants;
    private static RunningServer server;
    private static SignedHttp http;
    private static IssuedKey acmeStorefront;
    private static IssuedKey acmeAdmin;
    private static IssuedKey globexAdmin;

    @BeforeAll
    static void start() {
        tenants = new TestTenants(home);
        tenants.create("acme");
        tenants.create("globex");
        acmeStorefront = tenants.key("acme", Role.STOREFRONT);
        acmeAdmin = tenants.key("acme", Role.ADMIN);
        globexAdmin = tenants.key("globex", Role.ADMIN);
        server = RunningServer.start(tenants.serverProperties());
        http = new SignedHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void nothingWasStored() {
        UserHistory history = server.context().getBean(UserHistoryStore.class).find(new TenantId("acme"), "u-1").block();
        assertEquals(UserHistory.EMPTY, history, "a rejected request must not change stored state");
    }

    @Test
    void rejectsUnsignedRequestWith401() {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/v1/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(PURCHASE)).build());

        assertProblem(response, 401, "unsigned");
    }

    @Test
    void rejectsRequestSignedWithTheWrongSecretWith401() {
        HttpResponse<String> response = server.send(http.signed(acmeStorefront.key().keyId(), "not-the-secret",
                "POST", "/v1/events", PURCHASE, Instant.now()).build());

        assertProblem(response, 401, "bad-signature");
    }

    @Test
    void rejectsRequestWhoseBodyWasChangedAfterSigningWith401() {
        HttpRequest tampered = http.signed(acmeStorefront.key().keyId(), acmeStorefront.secret(), "POST", "/v1/events",
                PURCHASE, Instant.now()).POST(HttpRequest.BodyPublishers.ofString(PURCHASE.replace("milk", "caviar"))).build();

        assertProblem(server.send(tampered), 401, "bad-signature");
    }

    @Test
    void rejectsRequestDatedOutsideTheClockWindowWith401() {
        HttpResponse<String> response = server.send(http.signed(acmeStorefront.key().keyId(), acmeStorefront.secret(),
                "POST", "/v1/events", PURCHASE, Instant.now().minus(Duration.ofMinutes(6))).build());

        assertProblem(response, 401, "expired");
    }

    @Test
    void rejectsReplayedRequestWith401() {
        HttpRequest adminOnce = http.signed(acmeAdmin.key().keyId(), acmeAdmin.secret(), "GET",
                "/v1/admin/keys", null, Instant.now()).build();
        assertEquals(200, server.send(adminOnce).statusCode());

        assertProblem(server.send(adminOnce), 401, "replayed");
    }

    @Test
    void rejectsRevokedKeyWith401() {
        IssuedKey revoked = tenants.key("acme", Role.STOREFRONT);
        tenants.directory().revokeKey(new TenantId("acme"), revoked.key().keyId());
        awaitDirectoryReload();

        assertProblem(http.post(revoked, "/v1/events", PURCHASE), 401, "bad-signature");
    }

    @Test
    void answers404ForAnotherTenantsResource() {
        HttpResponse<String> response = server.send(http.signed(globexAdmin.key().keyId(), globexAdmin.secret(),
                "DELETE", "/v1/admin/keys/" + acmeStorefront.key().keyId(), null, Instant.now()).build());

        assertProblem(response, 404, "not-found");
        assertFalse(tenants.directory().keys(new TenantId("acme")).stream().anyMatch(key -> key.revoked()
                && key.keyId().equals(acmeStorefront.key().keyId())));
    }

    @Test
    void answers404ForAnotherRobotsChannel() {
        IssuedKey robot7 = tenants.robotKey("acme", "r-7");
        awaitDirectoryReload();

        assertProblem(http.get(robot7, "/v1/warehouses/w-1/robots/r-8/commands"), 404, "not-found");
    }

    @Test
    void rejectsKeyWithoutTheRouteRoleWith403() {
        assertProblem(http.get(acmeStorefront, "/v1/admin/keys"), 403, "forbidden-role");
        assertProblem(http.post(acmeAdmin, "/v1/events", PURCHASE), 403, "forbidden-role");
    }

    @Test
    void rejectsOversizedBodyWith413() {
        String huge = "{\"events\":[" + "{\"user\":\"u-1\",\"item\":\"milk\",\"type\":\"purchase\"},".repeat(30_000) + "]}";

        assertProblem(http.post(acmeStorefront, "/v1/events", huge), 413, "too-large");
    }

    @Test
    void rejectsMalformedJsonWith400() {
        assertProblem(http.post(acmeStorefront, "/v1/events", "{\"events\":[{\"user\":"), 400, "malformed-body");
    }

    @Test
    void rejectsBadFieldWith400NamingIt() {
        String badType = "{\"events\":[" + "{\"user\":\"u-1\",\"item\":\"milk\",\"type\":\"purchase\"},"
                + "{\"user\":\"u-1\",\"item\":\"eggs\",\"type\":\"stolen\"}]}";

        HttpResponse<String> response = http.post(acmeStorefront, "/v1/events", badType);

        assertProblem(response, 400, "invalid-request");
        assertTrue(response.body().contains("events[1].type"), response.body());
    }

    @Test
    void acceptsAWellSignedBatchAndAppliesIt() {
        IssuedKey other = tenants.key("acme", Role.STOREFRONT);
        awaitDirectoryReload();
        String event = "{\"events\":[{\"user\":\"u-2\",\"item\":\"milk\",\"type\":\"purchase\"}]}";

        HttpResponse<String> response = http.post(other, "/v1/events", event);

        assertEquals(202, response.statusCode(), response.body());
        UserHistory history = server.context().getBean(UserHistoryStore.class).find(new TenantId("acme"), "u-2").block();
        assertTrue(history.purchased().contains("milk"));
    }

    /** The server re-reads the tenants file every second when it changed. */
    private static void awaitDirectoryReload() {
        try {
            Thread.sleep(1_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
