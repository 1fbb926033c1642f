package io.aisle.serving.eventlog;

import static io.aisle.serving.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server writes every accepted event to its tenant's log once, before it answers 202. */
class InteractionLogEndpointTest {

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static IssuedKey acme;
    private static IssuedKey globex;
    private static EventLogLayout layout;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        tenants.create("globex");
        acme = tenants.key("acme", Role.STOREFRONT);
        globex = tenants.key("globex", Role.STOREFRONT);
        server = RunningServer.start(tenants.serverProperties());
        http = new SignedHttp(server);
        layout = server.context().getBean(EventLogLayout.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void acceptedEventsAreInTheirTenantsLogOnceByTheTimeThe202Arrives() {
        String batch = "{\"events\":[{\"user\":\"u-1\",\"item\":\"milk\",\"type\":\"purchase\",\"ts\":\"2026-03-01T10:00:00Z\",\"order\":\"o-1\"},"
                + "{\"user\":\"u-1\",\"item\":\"jam\",\"type\":\"view\",\"ts\":\"2026-03-02T09:00:00Z\"}]}";
        assertEquals(202, http.postIdempotent(acme, "/v1/events", batch, "log-retry-1").statusCode());
        HttpResponse<String> retry = http.postIdempotent(acme, "/v1/events", batch, "log-retry-1");
        assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElse(""), "the retry is a replay");
        assertEquals(202, http.post(globex, "/v1/events",
                "{\"events\":[{\"user\":\"g-1\",\"item\":\"tea\",\"type\":\"cart\",\"ts\":\"2026-03-01T11:00:00Z\"}]}").statusCode());

        Path acmeLog = layout.tenantLog(new TenantId("acme"));
        assertEquals(List.of("milk", "jam"), EventLogFixtures.readLog(acmeLog).stream().map(event -> event.item()).toList());
        assertEquals(List.of("dt=2026-03-01", "dt=2026-03-02"), EventLogFixtures.logFiles(acmeLog).stream()
                .map(file -> file.getParent().getFileName().toString()).toList());
        assertEquals("o-1", EventLogFixtures.readLog(acmeLog).get(0).order().orElseThrow());
        assertEquals(List.of("tea"), EventLogFixtures.readLog(layout.tenantLog(new TenantId("globex"))).stream()
                .map(event -> event.item()).toList(), "globex's event is in globex's log only");
    }

    @Test
    void aRefusedBatchLeavesNothingInTheLog() {
        Path acmeLog = layout.tenantLog(new TenantId("acme"));
        int before = EventLogFixtures.readLog(acmeLog).size();
        HttpResponse<String> refused = http.post(acme, "/v1/events",
                "{\"events\":[{\"user\":\"u-2\",\"item\":\"bread\",\"type\":\"view\"},{\"user\":\"u-2\",\"item\":\"\",\"type\":\"view\"}]}");

        assertProblem(refused, 400, "invalid-request");
        assertEquals(before, EventLogFixtures.readLog(acmeLog).size());
    }
}
